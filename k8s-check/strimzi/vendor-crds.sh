#!/usr/bin/env bash
# Writes the CustomResourceDefinitions of one Strimzi release for the kinds deploy/k8s uses into
# k8s-check/src/test/resources/strimzi-crds/<version>/, generated the way Strimzi's own build makes
# its install files (api/pom.xml, execution generate-crd-co-install-v1): io.strimzi:crd-generator
# run over the io.strimzi:api model classes, both from Maven Central at that version. For 1.2.0
# the output is byte-identical to the release's install/cluster-operator/04*-Crd-*.yaml.
#   k8s-check/strimzi/vendor-crds.sh 1.2.0      (JAVA_HOME: a JDK 21+)
# Then set strimzi-api.version in k8s-check/pom.xml and STRIMZI_VERSION in
# deploy/k8s/install-strimzi.sh to the same version (k8s-check compares them).
set -euo pipefail
version=${1:?usage: vendor-crds.sh <strimzi version>}
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/k8s-check/src/test/resources/strimzi-crds/$version"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>strimzi-crds</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>$version</version></dependency>
    <dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>$version</version></dependency>
  </dependencies>
</project>
POM
"$root/mvnw" -B -q -f "$work/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt"
mkdir -p "$out"
# the kinds deploy/k8s uses; add a line here (and its file) for another
"${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java" -cp "$(cat "$work/classpath.txt")" io.strimzi.crdgenerator.CrdGenerator \
  --label app:strimzi --label strimzi.io/crd-install:true --target-kube 1.16+ \
  --crd-api-version v1 --api-versions v1 --storage-version v1 --yaml \
  io.strimzi.api.kafka.model.kafka.Kafka="$out/040-Crd-kafka.yaml" \
  io.strimzi.api.kafka.model.topic.KafkaTopic="$out/043-Crd-kafkatopic.yaml" \
  io.strimzi.api.kafka.model.user.KafkaUser="$out/044-Crd-kafkauser.yaml" \
  io.strimzi.api.kafka.model.nodepool.KafkaNodePool="$out/045-Crd-kafkanodepool.yaml"
echo "wrote the CRDs to $out"
