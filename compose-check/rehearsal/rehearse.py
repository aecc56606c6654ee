"""Runs docker-compose.yml's containers as local processes, in the network namespace that
rehearse.sh made, where every compose service name resolves to 127.0.0.1. Exits non-zero if a
container does not get healthy, the seed fails, or the seed curls do not answer 200 and 201."""
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import yaml

work = sys.argv[1]
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
classpath = open(f"{work}/cp/classpath.txt").read().strip()
processes = []
problems = []


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


# The secrets docker-compose.yml requires (${VAR:?message}) get random values, as an operator's .env
# would give them; every other variable keeps the default written in the file.
compose_text = open(f"{work}/ctx/docker-compose.yml").read()
secrets = {name: os.urandom(12).hex() for name in re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*):\?", compose_text)}


def interpolate(node):
    """Compose's interpolation with a .env holding only the secrets: ${VAR:-default} gives the default."""
    if isinstance(node, dict):
        return {k: interpolate(v) for k, v in node.items()}
    if isinstance(node, list):
        return [interpolate(v) for v in node]
    if isinstance(node, str):
        return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?]([^}]*))?\}",
                      lambda m: secrets.get(m.group(1)) or m.group(2) or "", node).replace("$$", "$")
    return node


compose = interpolate(yaml.safe_load(compose_text))["services"]


def environment(name):
    env = {"PATH": os.environ["PATH"], "HOME": "/tmp"}
    env.update({k: str(v) for k, v in (compose[name].get("environment") or {}).items()})
    return env


def start(name, command, env=None, cwd=None):
    out = open(f"{work}/logs/{name}.log", "w")
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    processes.append((name, process))
    log("started", name, "pid", process.pid)


def wait_healthy(name, check, timeout):
    started = time.time()
    while time.time() - started < timeout:
        if check():
            log(name, "healthy after", round(time.time() - started), "s")
            return True
        if any(n == name and p.poll() is not None for n, p in processes):
            break
        time.sleep(3)
    problems.append(f"{name} did not get healthy (log: {work}/logs/{name}.log)")
    log(problems[-1])
    return False


def compose_healthcheck(name):
    test = compose[name]["healthcheck"]["test"]
    assert test[0] == "CMD", test
    return lambda: subprocess.run(test[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30).returncode == 0


def start_service(name):
    env = environment(name)
    if "MONGODB_URI" in env:  # mongo-java-server has no authentication: the stand-in takes no user
        env["MONGODB_URI"] = re.sub(r"//[^@/]+@", "//", env["MONGODB_URI"])
    for key, value in env.items():  # a named volume's mount point becomes a directory of the rehearsal
        for mount in compose[name].get("volumes") or []:
            target = mount.split(":")[1]
            if value.startswith(target + "/"):
                os.makedirs(f"{work}/volumes{target}", exist_ok=True)
                env[key] = f"{work}/volumes{value}"
    # the service image's ENTRYPOINT; -XX:MaxRAM stands for the container's mem_limit
    command = [java, f"-XX:MaxRAM={compose[name].get('mem_limit', '1g')}", "-XX:MaxRAMPercentage=75",
               "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
    start(name, command, env=env, cwd=f"{work}/img/{name}")


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, method=method, data=body.encode() if body else None)
    request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def stop_all():
    for _, process in reversed(processes):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for _, process in reversed(processes):
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    log("stopped every process of the rehearsal")


try:
    os.makedirs(f"{work}/logs", exist_ok=True)
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    with open(f"{work}/hosts", "w") as hosts:
        hosts.write("127.0.0.1 localhost " + " ".join(compose) + "\n")
    subprocess.run(["mount", "--bind", f"{work}/hosts", "/etc/hosts"], check=True)

    # Kafka as the apache/kafka image configures it: KAFKA_FOO_BAR -> foo.bar (__ -> _, ___ -> -)
    kafka_env = environment("kafka")
    properties = {}
    for key, value in kafka_env.items():
        if key.startswith("KAFKA_"):
            name = key[6:].lower().replace("___", "-").replace("__", "\0").replace("_", ".").replace("\0", "_")
            properties[name] = value
    properties["log.dirs"] = f"{work}/volumes/kafka-data"
    with open(f"{work}/kafka.properties", "w") as out:
        out.writelines(f"{k}={v}\n" for k, v in properties.items())
    subprocess.run([java, "-cp", classpath, "kafka.tools.StorageTool", "format", "-t", kafka_env["CLUSTER_ID"],
                    "-c", f"{work}/kafka.properties"], check=True, stdout=subprocess.DEVNULL)
    start("kafka", [java, "-Xmx512m", "-cp", classpath, "kafka.Kafka", f"{work}/kafka.properties"])
    with open(f"{work}/Mongo.java", "w") as out:
        out.write("""public class Mongo { public static void main(String[] a) throws Exception {
            var server = new de.bwaldvogel.mongo.MongoServer(new de.bwaldvogel.mongo.backend.memory.MemoryBackend());
            server.bind("0.0.0.0", 27017); Thread.currentThread().join(); } }""")
    start("mongo", [java, "-Xmx256m", "-cp", classpath, f"{work}/Mongo.java"])
    kafka_check = compose["kafka"]["healthcheck"]["test"]  # kafka-broker-api-versions.sh = this tool class
    wait_healthy("kafka", lambda: subprocess.run(
        [java, "-cp", classpath, "org.apache.kafka.tools.BrokerApiVersionsCommand"] + kafka_check[2:],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0, 180)
    wait_healthy("mongo", lambda: subprocess.run(["bash", "-c", "exec 3<>/dev/tcp/mongo/27017"]).returncode == 0, 60)
    healthy = {"kafka", "mongo"} - {p.split()[0] for p in problems}

    # kafka-setup: its own script (users, topics, ACLs), with the Kafka tools of the project's
    # version standing in for the image's /opt/kafka/bin scripts
    tools = {"kafka-configs.sh": "kafka.admin.ConfigCommand", "kafka-topics.sh": "org.apache.kafka.tools.TopicCommand",
             "kafka-acls.sh": "org.apache.kafka.tools.AclCommand"}
    os.makedirs(f"{work}/kafka-bin", exist_ok=True)
    for script, main_class in tools.items():
        with open(f"{work}/kafka-bin/{script}", "w") as out:
            out.write(f'#!/bin/sh\nexec "{java}" -Xmx256m -cp "{classpath}" {main_class} "$@"\n')
        os.chmod(f"{work}/kafka-bin/{script}", 0o755)
    setup_script = next(v.split(":")[0] for v in compose["kafka-setup"]["volumes"] if v.startswith("./"))
    with open(f"{work}/kafka-setup.sh", "w") as out:
        out.write(re.sub(r"(?m)^bin=.*$", f"bin={work}/kafka-bin", open(f"{work}/ctx/{setup_script}").read()))
    setup = subprocess.run(["bash", f"{work}/kafka-setup.sh"], env=environment("kafka-setup"),
                           capture_output=True, text=True, timeout=600)
    log("kafka-setup exited", setup.returncode, "-", (setup.stdout + setup.stderr).strip().splitlines()[-1:])
    if setup.returncode == 0:
        healthy.add("kafka-setup")
    else:
        problems.append("kafka-setup failed: " + (setup.stdout + setup.stderr).strip()[-2000:])
    # mongo-setup needs mongosh and a MongoDB with users; the stand-in has neither (compose-check
    # checks its script and the services' URIs instead)
    log("mongo-setup skipped: mongo-java-server has no authentication")
    healthy.add("mongo-setup")

    # services in depends_on order: each starts once everything it waits for is healthy
    services = [n for n in compose if "build" in compose[n] and compose[n]["build"].get("target") != "seed"]
    pending = list(services)
    while pending and not problems:
        ready = [s for s in pending if set(compose[s].get("depends_on") or {}) <= healthy]
        if not ready:
            problems.append(f"cannot start {pending}: their dependencies never got healthy")
            break
        for name in ready:
            start_service(name)
        for name in ready:
            if wait_healthy(name, compose_healthcheck(name), 600):
                healthy.add(name)
            pending.remove(name)

    if not problems:
        seed = subprocess.run([java, "-XX:MaxRAMPercentage=75", "-cp", f"{work}/img/seed/seed.jar", "dev.ordersaga.seed.Seeder"],
                              env=environment("seed"), capture_output=True, text=True, timeout=300)
        log("seed exited", seed.returncode, "-", (seed.stdout + seed.stderr).strip().splitlines()[-1:])
        if seed.returncode != 0:
            problems.append("the seed failed: " + seed.stderr.strip())

        gateway = "http://localhost:" + compose["gateway"]["ports"][0].split(":")[-2]  # as the host sees it
        status, body = http("POST", gateway + "/api/auth/login", '{"username": "klea", "password": "password123"}')
        log("POST /api/auth/login ->", status)
        token = json.loads(body).get("token") if status == 200 else None
        if token is None:
            problems.append(f"login answered {status} {body[:300]}")
        order = json.dumps({
            "token": token, "customer_id": "6849dd2562e5fa1c135a04fb",
            "products": [{"product_id": "6849dd2a5b6717b8055f93a9", "quantity": 1},
                         {"product_id": "6849dd2b5b6717b8055f93aa", "quantity": 2}],
            "payment_method": "credit_card",
            "shipping_address": "123 Main St, City, State 12345",
            "billing_address": "123 Main St, City, State 12345"})
        # The first saga on cold JVMs may take longer than the gateway's 5 s hop timeout (504, the
        # order still runs); the same request with the same Idempotency-Key is answered from it.
        key = {"Idempotency-Key": "rehearsal-%d" % time.time()}
        for attempt in range(1, 11):
            status, body = http("POST", gateway + "/api/create_order", order, key)
            log(f"POST /api/create_order (attempt {attempt}) ->", status, body[:400])
            if status != 504:
                break
            time.sleep(3)
        if status != 201:
            problems.append(f"create_order answered {status}")

        # the read-only console principal, as the README has people use it, on both SASL listeners;
        # then the same without credentials, which must read nothing
        console = environment("kafka-setup")["CONSOLE_KAFKA_PASSWORD"]
        with open(f"{work}/console.properties", "w") as out:
            out.write("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n"
                      "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                      f' username="console" password="{console}";\n')
        external = "localhost:" + compose["kafka"]["ports"][0].split(":")[-2]
        for where, bootstrap, config, expect in (
                ("on the compose network (console principal)", "kafka:9092", f"{work}/console.properties", True),
                ("from the host, EXTERNAL listener (console principal)", external, f"{work}/console.properties", True),
                ("on the compose network without credentials", "kafka:9092", None, False)):
            command = [java, "-cp", classpath, "org.apache.kafka.tools.consumer.ConsoleConsumer",
                       "--bootstrap-server", bootstrap, "--topic", "order-requests", "--from-beginning",
                       "--timeout-ms", "15000", "--formatter-property", "print.headers=true"]
            if config:
                command += ["--command-config", config]
            consumer = subprocess.run(command, capture_output=True, text=True, timeout=120)
            records = [line for line in consumer.stdout.splitlines() if line.strip()]
            log(f"console consumer {where} ({bootstrap}): {len(records)} record(s) on order-requests;",
                records[0][:240] if records else consumer.stderr.strip()[-240:])
            if expect and not records:
                problems.append(f"the console consumer {where} read nothing")
            if not expect and records:
                problems.append(f"the console consumer {where} read {len(records)} record(s)")
finally:
    stop_all()

print("\n".join(["", "REHEARSAL " + ("PASSED" if not problems else "FAILED")] + problems))
sys.exit(1 if problems else 0)
