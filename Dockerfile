# syntax=docker/dockerfile:1
# HvWeb in a container: the console, QEMU and the demo guest images.
#   docker build -t hvweb .
#   docker run --init --device /dev/kvm --group-add "$(getent group kvm | cut -d: -f3)" \
#     -p 127.0.0.1:5080:5080 -v hvweb-data:/var/lib/hvweb hvweb

# 1. Build: a self-contained console, so the runtime image needs no .NET packages.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Web -c Release -r linux-x64 --self-contained -o /app

# 2. Guest images, from Debian packages only (guest/build.sh).
FROM debian:bookworm-slim AS guest
COPY guest /src/guest
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(/src/guest/build.sh --packages) \
 && rm -rf /var/lib/apt/lists/*
RUN dir=$(HVWEB_CACHE_DIR=/tmp/cache /src/guest/build.sh | tail -n 1) && cp -r "$dir" /guest-images

# 3. Runtime: Debian 12 with QEMU and OVMF, a non-root user in the kvm group.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      qemu-system-x86 qemu-utils ovmf curl ca-certificates libicu72 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --force --system kvm \
 && useradd --system --create-home --home-dir /var/lib/hvweb --groups kvm hvweb
COPY --from=build /app /opt/hvweb
COPY --from=guest /guest-images /opt/hvweb/guest-images
# Inside the container the console listens on all interfaces so that -p can publish it;
# publish it on 127.0.0.1 of the host (see the docker run line above). QEMU processes live and die
# with the container, so the automatic stop actions run whenever the console stops.
ENV ASPNETCORE_URLS=http://0.0.0.0:5080 \
    HvWeb__DataRoot=/var/lib/hvweb \
    HvWeb__GuestImagesFolder=/opt/hvweb/guest-images \
    HvWeb__ApplyStopActionsOnExit=true
USER hvweb
VOLUME /var/lib/hvweb
EXPOSE 5080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD curl -fsS http://127.0.0.1:5080/health || exit 1
ENTRYPOINT ["/opt/hvweb/HvWeb.Web"]
