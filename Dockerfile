# signpost in a container, for a site's CI or a platform team without Rust.
#
#   docker build -t signpost .
#   docker run --rm -v "$PWD:/site" -u "$(id -u):$(id -g)" signpost build
#
# The first stage compiles signpost for musl, which links it statically; the image is that
# one file and nothing else (no shell, no package manager). The same stage makes the Linux
# binary of each release (.github/workflows/release.yml), so the two never differ.

FROM rust:1.95-alpine AS build
# make: jemalloc, the allocator signpost uses on Linux, is built from C with it.
RUN apk add --no-cache musl-dev gcc make
WORKDIR /src
COPY . .
RUN cargo build --release --locked --config profile.release.strip=true

# Just the binary: `docker build --target binary --output dist .` writes it to dist/.
FROM scratch AS binary
COPY --from=build /src/target/release/signpost /signpost

# The image: the binary, run in the site's folder (mount the site at /site).
FROM binary
WORKDIR /site
ENTRYPOINT ["/signpost"]
CMD ["--help"]
