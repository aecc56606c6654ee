#!/usr/bin/env bash
# Peer benchmark: piomin/sample-spring-kafka-microservices (Kafka Streams saga) on its own KRaft broker.
#   ./run.sh [N] [--warmup W] [--keep]   start everything (fresh), run an unmeasured warm-up batch of W orders
#                                        (default W=N; 0 = none), then the measured batch of N (default 10000),
#                                        print the numbers, then stop (unless --keep)
#   ./run.sh start                       start broker + 3 services (fresh data) and wait until ready
#   ./run.sh bench N [--warmup W]        run batches against an already started peer
#   ./run.sh stop                        stop only the processes this script started (pids in $ROOT/pids)
#   ./run.sh status
# Env: JAVA_HOME (default temurin-25), PEER_SVC_OPTS, PEER_BROKER_OPTS, PEER_QUIET=1 (WARN logging for pl.piomin),
#      PEER_MODE=generate|post (default: generate if N is a multiple of 10000 — the peer's /orders/generate
#      sends exactly 10000 orders per call — else N single POST /orders), PEER_CONC (POST concurrency, 8),
#      PEER_IDLE (give up after this many s without a new result, 60).
set -euo pipefail
ROOT=${PEER_ROOT:-$(cd "$(dirname "$0")" && pwd)}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
PIDS=$ROOT/pids
LOGS=$ROOT/logs
KPORT=19092; CPORT=19093; HTTP=18080
BOOT=127.0.0.1:$KPORT
CP_FILE=$ROOT/broker/classpath.txt
SVC_OPTS=${PEER_SVC_OPTS:--Xms32m -Xmx256m -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError}
BROKER_OPTS=${PEER_BROKER_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC}
JAR() { echo "$ROOT/src/$1-service/target/$1-service-1.0-SNAPSHOT.jar"; }

die() { echo "run.sh: $*" >&2; exit 1; }

ensure_built() {
  for s in order payment stock; do [ -f "$(JAR $s)" ] || die "missing $(JAR $s); build: (cd $ROOT/src && JAVA_HOME=$JAVA_HOME mvn -B -DskipTests -Djacoco.skip=true package)"; done
  if [ ! -s "$CP_FILE" ]; then
    (cd $ROOT/broker && JAVA_HOME=$JAVA_HOME mvn -B -q dependency:build-classpath -Dmdep.outputFile=$CP_FILE) || die "broker classpath"
  fi
  if [ ! -f $ROOT/tools/classes/PeerBench.class ] || [ $ROOT/tools/PeerBench.java -nt $ROOT/tools/classes/PeerBench.class ]; then
    mkdir -p $ROOT/tools/classes
    $JAVA_HOME/bin/javac -d $ROOT/tools/classes -cp "$(cat $CP_FILE)" $ROOT/tools/PeerBench.java
  fi
}

# pid is ours only if it is alive and carries our marker
ours() { local pid=$1; [ -r /proc/$pid/cmdline ] && tr '\0' ' ' < /proc/$pid/cmdline | grep -q -- "-Dpeer.component="; }

running_pid() { # name -> pid if running
  [ -f $PIDS ] || return 1
  local pid; pid=$(awk -v n="$1" '$1==n{print $2}' $PIDS | tail -1)
  [ -n "$pid" ] && ours "$pid" && echo "$pid"
}

port_busy() { (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null; }

wait_for() { # seconds description command...
  local t=$1 what=$2; shift 2
  local end=$((SECONDS + t))
  until "$@"; do
    [ $SECONDS -lt $end ] || die "timed out after ${t}s waiting for $what (logs in $LOGS)"
    sleep 1
  done
}

start() {
  ensure_built
  [ -f $PIDS ] && [ -s $PIDS ] && { for n in broker order payment stock; do running_pid $n >/dev/null && die "already running ($n); ./run.sh stop first"; done; }
  for p in $KPORT $CPORT $HTTP; do port_busy $p && die "port $p is in use"; done
  : > $PIDS
  rm -rf $ROOT/kafka-data $ROOT/state $LOGS
  mkdir -p $ROOT/kafka-data $ROOT/state $LOGS
  cat > $ROOT/kafka-data/server.properties <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$KPORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KPORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$ROOT/kafka-data/log
num.partitions=3
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=1
num.io.threads=2
auto.create.topics.enable=true
log.retention.hours=168
log.segment.bytes=67108864
PROPS
  local CP; CP=$(cat $CP_FILE)
  local KLOG="-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.log.kafka.log=warn -Dorg.slf4j.simpleLogger.log.org.apache.kafka.storage=warn"
  local cid=""
  until [[ -n "$cid" && "$cid" != -* ]]; do   # a leading '-' would be read as an option
    cid=$($JAVA -Xmx128m -XX:+UseSerialGC -cp "$CP" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    [ -n "$cid" ] || die "StorageTool random-uuid failed"
  done
  # static quorum (controller.quorum.voters), so no --standalone
  $JAVA -Xmx256m -XX:+UseSerialGC -cp "$CP" kafka.tools.StorageTool format --cluster-id="$cid" -c $ROOT/kafka-data/server.properties --ignore-formatted > $LOGS/format.log 2>&1 \
    || die "storage format failed, see $LOGS/format.log"

  echo "starting broker on $BOOT"
  nohup $JAVA -Dpeer.component=broker $BROKER_OPTS $KLOG -cp "$CP" kafka.Kafka $ROOT/kafka-data/server.properties > $LOGS/broker.log 2>&1 &
  echo "broker $!" >> $PIDS
  wait_for 90 "broker" port_busy $KPORT

  local common="--spring.kafka.bootstrap-servers=$BOOT"
  [ "${PEER_QUIET:-0}" = 1 ] && common="$common --logging.level.pl.piomin=WARN"
  echo "starting order-service on :$HTTP"
  nohup $JAVA -Dpeer.component=order $SVC_OPTS -jar "$(JAR order)" $common --server.port=$HTTP \
      --spring.kafka.streams.state-dir=$ROOT/state/kafka-streams > $LOGS/order.log 2>&1 &
  echo "order $!" >> $PIDS
  # order-service creates the topics (orders, payment-orders, stock-orders; 3 partitions, compacted);
  # /orders answers 200 only once its Kafka Streams are RUNNING
  wait_for 180 "order-service" curl -sf -o /dev/null http://127.0.0.1:$HTTP/orders
  for s in payment stock; do
    echo "starting $s-service"
    # these two are not web apps; spring.main.web-application-type=none anyway
    nohup $JAVA -Dpeer.component=$s $SVC_OPTS -jar "$(JAR $s)" $common > $LOGS/$s.log 2>&1 &
    echo "$s $!" >> $PIDS
  done
  # they consume 'orders' with auto.offset.reset=latest: wait until both own its partitions
  for s in payment stock; do
    wait_for 180 "$s-service partitions" grep -q "partitions assigned: \[orders-" $LOGS/$s.log
  done
  echo "peer ready: $(tr '\n' ' ' < $PIDS)"
}

stop() {
  [ -f $PIDS ] || { echo "nothing to stop"; return 0; }
  local stopped=""
  stop_group() { # names...: TERM each of ours, wait up to 20 s, then KILL
    local pids="" n pid p i
    for n in "$@"; do
      pid=$(awk -v n="$n" '$1==n{print $2}' $PIDS | tail -1)
      [ -n "$pid" ] && ours "$pid" && { kill "$pid" 2>/dev/null || true; pids="$pids $pid"; stopped="$stopped $n:$pid"; }
    done
    for p in $pids; do
      for i in $(seq 1 40); do ours $p || break; sleep 0.5; done
      ours $p && { echo "pid $p did not stop, KILL"; kill -9 $p 2>/dev/null || true; }
    done
    return 0
  }
  stop_group stock payment order   # services first, broker last
  stop_group broker
  : > $PIDS
  echo "stopped:${stopped:- nothing}"
}

status() {
  for n in broker order payment stock; do
    local pid; if pid=$(running_pid $n); then echo "$n pid=$pid running"; else echo "$n not running"; fi
  done
}

batch() { # N label
  local n=$1 label=$2 pidarg="" mode=${PEER_MODE:-}
  for s in broker order payment stock; do
    local pid; pid=$(running_pid $s) || die "$s is not running (./run.sh start)"
    pidarg="$pidarg${pidarg:+,}$s:$pid"
  done
  [ -n "$mode" ] || { [ $((n % 10000)) -eq 0 ] && mode=generate || mode=post; }
  $JAVA -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$ROOT/tools/classes:$(cat $CP_FILE)" PeerBench bootstrap=$BOOT topic=orders n=$n mode=$mode \
    url=http://127.0.0.1:$HTTP/orders pids=$pidarg clk=$(getconf CLK_TCK) idle=${PEER_IDLE:-60} conc=${PEER_CONC:-8} label=$label
}

bench() { # N W
  local n=$1 w=$2 rc=0
  ensure_built
  if [ "$w" -gt 0 ]; then
    # warm-up uses the same trigger mode as the measured batch, so order ids never repeat
    [ -z "${PEER_MODE:-}" ] && [ $((n % 10000)) -eq 0 ] && [ $((w % 10000)) -ne 0 ] && w=$(( (w + 9999) / 10000 * 10000 )) && echo "(warm-up rounded to $w: generate mode)"
    [ -z "${PEER_MODE:-}" ] && [ $((n % 10000)) -ne 0 ] && export PEER_MODE=post
    echo "--- warm-up: $w orders (not measured)"
    batch $w warmup || echo "(warm-up incomplete, continuing)"
    echo "--- pause 12 s (beyond the 10 s join window)"; sleep 12
  fi
  echo "--- measured: $n orders"
  batch $n measured || rc=$?
  return $rc
}

N=10000; W=""; KEEP=0; CMD=all
case "${1:-}" in start|stop|status|bench) CMD=$1; shift;; esac
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) W=$2; shift 2;;
    --warmup=*) W=${1#*=}; shift;;
    --keep) KEEP=1; shift;;
    [0-9]*) N=$1; shift;;
    *) die "unknown argument $1";;
  esac
done
W=${W:-$N}
case $CMD in
  start) start;;
  stop) stop;;
  status) status;;
  bench) bench $N $W;;
  all)
    start
    rc=0; bench $N $W || rc=$?
    [ $KEEP = 1 ] || stop
    exit $rc;;
esac
