# syntax=docker/dockerfile:1
#
# One Dockerfile for the six services and the seeder (docker-compose.yml passes the arguments):
#   docker build --build-arg MODULE=auth-service --build-arg PORT=9081 -t order-saga/auth-service .
#   docker build --target seed -t order-saga/seed .
# Build with the Maven wrapper on a JDK, run the Spring Boot layered jar on a JRE as a non-root
# user. compose-check (./mvnw verify) checks this file against the root pom and the services.

# Exact versions: a rebuild next month gets the same JDK. The JRE image is Ubuntu-based and
# ships curl, which the HEALTHCHECK below uses.
ARG JDK_IMAGE=eclipse-temurin:21.0.8_9-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:21.0.8_9-jre-noble

# --- Dependencies: only the wrapper and the poms, so this layer is rebuilt only when a pom
# changes, not on every source edit. Maven needs every module's pom of the reactor.
FROM ${JDK_IMAGE} AS deps
WORKDIR /workspace
COPY mvnw ./
COPY .mvn/wrapper/maven-wrapper.properties .mvn/wrapper/
COPY pom.xml ./
COPY events-schema/pom.xml events-schema/
COPY service-support/pom.xml service-support/
COPY saga-runtime/pom.xml saga-runtime/
COPY dead-letters/pom.xml dead-letters/
COPY test-support/pom.xml test-support/
COPY test-support/participant-kit/pom.xml test-support/participant-kit/
COPY auth-service/pom.xml auth-service/
COPY customer-service/pom.xml customer-service/
COPY inventory-service/pom.xml inventory-service/
COPY payment-service/pom.xml payment-service/
COPY order-service/pom.xml order-service/
COPY gateway/pom.xml gateway/
COPY seed/pom.xml seed/
COPY bench/pom.xml bench/
COPY operator-console/pom.xml operator-console/
COPY local-stack/pom.xml local-stack/
COPY system-tests/pom.xml system-tests/
COPY config-readers/pom.xml config-readers/
COPY compose-check/pom.xml compose-check/
COPY k8s-check/pom.xml k8s-check/
RUN ./mvnw -B -q dependency:go-offline

# --- Build every image's module once, in one Maven run: the eight images share this stage, so
# `docker compose build` compiles the shared modules once instead of running eight Maven JVMs in
# parallel. Tests skipped and formatting not checked: CI does both. Narrow it for a single image
# with --build-arg MODULES=<module>.
FROM deps AS build
ARG MODULES=auth-service,customer-service,inventory-service,payment-service,order-service,gateway,operator-console,seed
COPY . .
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl "${MODULES}" -am package

# --- One service's jar, split into Spring Boot's layers.
FROM build AS layers
ARG MODULE
RUN test -n "${MODULE}" || { echo "build with --build-arg MODULE=<service module>, e.g. auth-service" >&2; exit 1; }
RUN set -eu; \
    set -- "${MODULE}"/target/"${MODULE}"-*.jar; \
    [ "$#" -eq 1 ] && [ -f "$1" ] || { echo "expected one jar in ${MODULE}/target, found: $*" >&2; exit 1; }; \
    java -Djarmode=tools -jar "$1" extract --layers --launcher --destination /layers

# --- The seeder's image: runs once, creates the demo data through the gateway, exits. Its jar
# has its one dependency inside (maven-shade, classifier exec).
FROM ${JRE_IMAGE} AS seed
RUN groupadd --system --gid 10001 ordersaga \
    && useradd --system --uid 10001 --gid ordersaga --home-dir /app --no-create-home --shell /usr/sbin/nologin ordersaga
WORKDIR /app
COPY --from=build /workspace/seed/target/seed-*-exec.jar ./seed.jar
USER 10001:10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/seed.jar", "dev.ordersaga.seed.Seeder"]

# --- A service's image (the default target).
FROM ${JRE_IMAGE} AS service
ARG MODULE
ARG PORT
LABEL org.opencontainers.image.title="order-saga ${MODULE}"
RUN test -n "${PORT}" || { echo "build with --build-arg PORT=<the service's port>, e.g. 9081" >&2; exit 1; }
# A fixed non-root user. /var/lib/ordersaga is where a service keeps files that must survive a
# restart (auth-service's signing key): a named volume mounted there starts out owned by this user.
RUN groupadd --system --gid 10001 ordersaga \
    && useradd --system --uid 10001 --gid ordersaga --home-dir /app --no-create-home --shell /usr/sbin/nologin ordersaga \
    && mkdir -p /var/lib/ordersaga \
    && chown ordersaga:ordersaga /var/lib/ordersaga
WORKDIR /app
# Least changing layer first: a source edit rebuilds only the last, small layer.
COPY --from=layers /layers/dependencies/ ./
COPY --from=layers /layers/spring-boot-loader/ ./
COPY --from=layers /layers/snapshot-dependencies/ ./
COPY --from=layers /layers/application/ ./
ENV SERVER_PORT=${PORT}
EXPOSE ${PORT}
USER 10001:10001
# Ready = the readiness group (some services include their database in it). Shell form so that a
# SERVER_PORT given at run time is the one probed.
HEALTHCHECK --interval=5s --timeout=3s --start-period=180s --retries=12 \
    CMD curl -fsS -o /dev/null "http://localhost:${SERVER_PORT}/actuator/health/readiness" || exit 1
# The heap follows the container's memory limit; extra JVM flags go in JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
