# batch-rest on Open Liberty with the embedded Derby job repository.
#   docker build -t batch-rest . && docker run -p 9443:9443 batch-rest
# The image binds to all interfaces (the development default is localhost only); override users and passwords
# with a configDropins/overrides file or environment variables before using it for anything but a trial.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
RUN mvn -B -ntp dependency:go-offline
COPY src ./src
COPY jsl ./jsl
RUN mvn -B -ntp -DskipTests package \
 && mvn -B -ntp dependency:copy-dependencies -DincludeGroupIds=org.apache.derby -DincludeScope=provided \
        -Dmdep.stripVersion=true -DoutputDirectory=target/derby

FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi
COPY --chown=1001:0 server.xml /config/server.xml
COPY --chown=1001:0 config/server/ /config/
COPY --chown=1001:0 jvm.options /config/jvm.options
RUN features.sh
COPY --chown=1001:0 --from=build /build/target/derby/ /opt/ol/wlp/usr/shared/resources/derby/
COPY --chown=1001:0 --from=build /build/target/batch-rest.war /config/apps/batch-rest.war
ENV batchrest_host="*"
EXPOSE 9443
# Readiness (README, "Health and metrics"): the job repository answers, the job-log folder can be written and the
# search indexes are built. Liberty serves /health without credentials; the start period covers the first start.
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 \
    CMD curl -fsk -o /dev/null https://localhost:9443/health/ready || exit 1
RUN configure.sh
