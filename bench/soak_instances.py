"""The soak's app processes, and the kill and restart of one of them midway."""

import contextlib
import os
import signal
import time

from .environment import OUT, ROOT, VENV
from .environment import soak_log as log
from .servers import Gunicorn, children_of, running

WORKERS = 2  # per app process
INSTANCES = ("a", "b")
KILLED = "a"
RESTART_DELAY_S = 5  # a supervisor's restart delay (systemd's RestartSec=5)


class Instances:
    """The gunicorn instances of a Soak (bench/soak.py), by name."""

    def start_instance(self, name, port):
        server = Gunicorn(
            root=ROOT,
            venv=VENV,
            env=self.env,
            port=port,
            workers=WORKERS,
            log_path=OUT / f"soak-{name}.log",
        )
        self.servers[name] = server.start()
        return self.servers[name]

    def stop_all(self):
        for server in self.servers.values():
            server.stop()
        self.servers = {}

    def memory(self):
        return {name: server.memory() for name, server in self.servers.items()}

    def kill_and_restart(self, driver, kill):
        """SIGKILL the instance's master and workers at once, then start it again."""
        server = self.servers[KILLED]
        pids = [server.pid, *children_of(server.pid)]
        kill.at = driver.now()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        server.popen.wait(10)
        deadline = time.monotonic() + 10
        while any(running(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.01)
        kill.gone = driver.now()
        server.stop()
        log(f"killed instance {KILLED}: PIDs {', '.join(map(str, pids))}")
        self.killed_pids = pids
        time.sleep(RESTART_DELAY_S)
        self.start_instance(KILLED, server.port)
        kill.ready = driver.now()
        log(f"instance {KILLED} answers again, {kill.ready - kill.at:.1f} s after the kill")
