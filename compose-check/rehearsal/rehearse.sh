#!/usr/bin/env bash
# Rehearses the Docker Compose stack on a machine without a Docker engine (Linux, as root):
#   1. builds what the Dockerfile builds, with the Dockerfile's own commands, from a clean export of
#      a commit (default HEAD), in the image's order: the dependency stage's Maven run on the files
#      that stage copies (only the wrapper and the poms), with an empty Maven home as in a fresh
#      image; then the build stage's Maven run OFFLINE on that Maven home (what the dependency
#      layer holds must be all the build needs: a cached layer is worth nothing otherwise), then
#      each service jar split into its layers and the layers assembled in the order the service
#      stage copies them;
#   2. runs rehearse.py in a private network namespace, where the compose service names resolve to
#      127.0.0.1: a real Kafka broker configured from the kafka container's KAFKA_* variables,
#      mongo-java-server standing in for MongoDB, the six services with exactly the environment
#      docker-compose.yml gives them, started in depends_on order and judged by their compose
#      healthchecks, then the seeder, the two seed curls of SPEC section 7, and the Kafka console
#      consumer on both listeners.
# What it cannot show: the images themselves (base images, users, volumes, Docker networking).
# Usage: compose-check/rehearsal/rehearse.sh [git-ref]     (JAVA_HOME: a JDK 21+)
set -euo pipefail

ref=${1:-HEAD}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${REHEARSAL_DIR:-/tmp/order-saga-rehearsal}
[[ $(id -u) -eq 0 ]] || { echo "needs root (network and mount namespaces)" >&2; exit 1; }
[[ -x "${JAVA_HOME:-}/bin/java" ]] || { echo "set JAVA_HOME to a JDK 21+" >&2; exit 1; }
export PATH="$JAVA_HOME/bin:$PATH"
python3 -c 'import yaml' 2>/dev/null || { echo "needs python3 with PyYAML" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work/ctx" "$work/deps" "$work/home" "$work/img" "$work/layers"
git -C "$root" archive "$ref" | tar -x -C "$work/ctx"
cd "$work/ctx"
# what .dockerignore leaves out of the context that matters to the build: these sources
rm -rf bench/src local-stack/src compose-check/src

# The dependency stage: exactly the files it copies (COPY <source> <destination>, relative to its
# WORKDIR), then its RUN, with $work/home standing for the image's empty home (~/.m2: the Maven
# distribution the wrapper fetches and the local repository). Needs Maven Central, like the image.
deps_stage=$(sed -n '/^FROM .* AS deps$/,/^FROM /p' Dockerfile)
while read -r source destination; do
  [[ -n $source ]] || continue
  if [[ $destination == */ ]]; then
    mkdir -p "$work/deps/$destination"      # a directory: the file keeps its name inside it
  else
    mkdir -p "$(dirname "$work/deps/$destination")"
  fi
  cp -r "$source" "$work/deps/$destination"
done < <(sed -n 's/^COPY \([^ ]*\) \([^ ]*\)$/\1 \2/p' <<<"$deps_stage")
deps_run=$(sed -n 's/^RUN //p' <<<"$deps_stage")
echo "dependency stage: $deps_run   (copied: $(cd "$work/deps" && find . -type f | wc -l) files)"
(cd "$work/deps" && HOME="$work/home" sh -c "$deps_run")

# The Dockerfile's own commands (build stage, then layers stage with /layers redirected). The build
# stage runs offline (MAVEN_ARGS=-o, read by Maven 3.9+) on the dependency stage's home.
MODULES=$(sed -n 's/^ARG MODULES=//p' Dockerfile)
build_run=$(sed -n '/^FROM deps AS build/,/^FROM /{s/^RUN //p}' Dockerfile)
echo "build stage, offline: $build_run   (MODULES=$MODULES)"
MODULES="$MODULES" HOME="$work/home" MAVEN_ARGS=-o sh -c "$build_run"
layers_run=$(sed -n '/^FROM build AS layers/,/^FROM /p' Dockerfile | sed -n '/^RUN set -eu/,/--destination/p' | sed 's/^RUN //')
for MODULE in $(echo "$MODULES" | tr ',' ' '); do
  [[ $MODULE == seed ]] && continue
  layers="$work/layers/$MODULE"
  MODULE=$MODULE sh -c "${layers_run//\/layers/$layers}"
  mkdir -p "$work/img/$MODULE"
  while read -r layer; do
    cp -r "$layers/$layer/." "$work/img/$MODULE/"
  done < <(sed -n 's#^COPY --from=layers /layers/\([a-z-]*\)/ .*#\1#p' Dockerfile)
done
mkdir -p "$work/img/seed" && cp seed/target/seed-*-exec.jar "$work/img/seed/seed.jar"

# Kafka broker and tools, and mongo-java-server, at the project's versions.
kafka_version=$(sed -n 's#.*<kafka.version>\(.*\)</kafka.version>.*#\1#p' pom.xml)
mjs_version=$(sed -n 's#.*<mongo-java-server.version>\(.*\)</mongo-java-server.version>.*#\1#p' pom.xml)
mkdir -p "$work/cp"
cat > "$work/cp/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>rehearsal</groupId><artifactId>classpath</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$kafka_version</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$kafka_version</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>1.7.36</version></dependency>
    <dependency><groupId>de.bwaldvogel</groupId><artifactId>mongo-java-server</artifactId><version>$mjs_version</version></dependency>
  </dependencies>
</project>
POM
./mvnw -B -q -f "$work/cp/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/cp/classpath.txt"

exec unshare --net --mount --fork python3 "$root/compose-check/rehearsal/rehearse.py" "$work"
