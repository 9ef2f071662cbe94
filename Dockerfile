# Kinerja server image, for docker-compose.yml. The README's two commands do not need it.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/kinerja ./cmd/kinerja

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/kinerja /usr/local/bin/kinerja
ENV KINERJA_ADDR=0.0.0.0:8080
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/kinerja"]
CMD ["serve"]
