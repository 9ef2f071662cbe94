# Kinerja server image, for docker-compose.yml. The README's two commands do not need it.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/kinerja ./cmd/kinerja

# Debian with Chromium, which prints the SKP and evaluation documents to PDF.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /home/kinerja kinerja
COPY --from=build /out/kinerja /usr/local/bin/kinerja
ENV KINERJA_ADDR=0.0.0.0:8080 KINERJA_CHROMIUM=/usr/bin/chromium
EXPOSE 8080
USER kinerja
ENTRYPOINT ["/usr/local/bin/kinerja"]
CMD ["serve"]
