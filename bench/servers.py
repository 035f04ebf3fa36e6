"""The processes the bench starts, each stopped by its own PID: gunicorn, nginx, varnishd; and a
mail sink, so the comment form's receipt goes to an SMTP server as in production."""

import os
import re
import signal
import socket
import socketserver
import subprocess
import threading
import time
from pathlib import Path

from .load import request


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_status(pid):
    """VmRSS and VmHWM of a process in kB, from /proc/<pid>/status."""
    values = {}
    text = Path(f"/proc/{pid}/status").read_text()
    for key in ("VmRSS", "VmHWM"):
        match = re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE)
        values[key] = int(match.group(1)) if match else None
    return values


def stat_fields(pid):
    """The fields of /proc/<pid>/stat from the state on, or None when the process is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name in parentheses may hold spaces; the state follows it, then the parent PID.
    return stat[stat.rfind(")") + 2 :].split()


def cpu_seconds(pid):
    """User plus system CPU time a process has used, in seconds (utime and stime of
    /proc/<pid>/stat, fields 14 and 15), or 0 when it is gone."""
    fields = stat_fields(pid)
    if fields is None:
        return 0.0
    # fields[0] is field 3 (the state), so utime and stime are at 11 and 12.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_of(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = stat_fields(entry.name)
        if fields and int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def running(pid):
    """Whether `pid` still runs (a zombie, dead but not yet reaped, does not)."""
    fields = stat_fields(pid)
    return fields is not None and fields[0] != "Z"


class Child:
    """A process this run started; stopped by its PID, never by name."""

    def __init__(self, name, argv, *, env=None, cwd=None, log_path):
        self.name, self.argv, self.env, self.cwd, self.log_path = name, argv, env, cwd, log_path
        self.popen = None

    def start(self):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115  (closed in stop)
        self._log = log
        self.popen = subprocess.Popen(  # noqa: S603
            self.argv, env=self.env, cwd=self.cwd, stdout=log, stderr=subprocess.STDOUT
        )
        return self

    @property
    def pid(self):
        return self.popen.pid

    def alive(self):
        return self.popen is not None and self.popen.poll() is None

    def log_tail(self, lines=30):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, timeout=20):
        if self.popen is None:
            return
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(5)
        self._log.close()
        self.popen = None


def wait_http(port, path, *, child, timeout=60, ok=(200,)):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if not child.alive():
            raise RuntimeError(f"{child.name} exited:\n{child.log_tail()}")
        try:
            last = request(port, path, timeout=5).status
            if last in ok:
                return
        except OSError as error:
            last = error
        time.sleep(0.2)
    raise RuntimeError(f"{child.name} did not answer {path} within {timeout}s (last: {last})")


class Gunicorn(Child):
    def __init__(self, *, root, venv, env, port, workers, log_path):
        argv = [
            str(venv / "bin" / "gunicorn"),
            "portal.wsgi:application",
            f"--workers={workers}",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{port}",
            "--timeout=60",
            "--graceful-timeout=10",
            # Listen backlog well above wrk's connections, so none is refused while queued.
            "--backlog=2048",
            "--log-level=warning",
            "--error-logfile=-",
        ]
        super().__init__("gunicorn", argv, env=env, cwd=root, log_path=log_path)
        self.port = port

    def start(self):
        super().start()
        wait_http(self.port, "/healthz", child=self)
        return self

    def workers(self):
        return children_of(self.pid)

    def cpu_seconds(self):
        """{pid: CPU seconds} of every worker (the master only watches them)."""
        return {pid: cpu_seconds(pid) for pid in self.workers()}

    def wait_idle(self, timeout=60, step=0.25):
        """The workers' CPU seconds once they stop using CPU (requests queued by a run that ended
        still get answered: sync workers finish them), or after `timeout`."""
        deadline = time.monotonic() + timeout
        last = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(step)
            now = self.cpu_seconds()
            if sum(now.values()) - sum(last.values()) < 0.01:
                return now
            last = now
        return last

    def memory(self):
        """{pid: {"VmRSS": kB, "VmHWM": kB}} of every worker."""
        found = {}
        for pid in self.workers():
            try:
                found[pid] = read_status(pid)
            except OSError:
                continue
        return found


NGINX_CONF = """\
# Written by bench/servers.py for one `make bench` run.
worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
daemon off;
events {{ worker_connections 4096; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;

    # The physical floor: the saved home page as a static file.
    server {{
        listen 127.0.0.1:{floor_port};
        root {dir}/floor;
        location / {{ }}
    }}

    # A production-like front for Lighthouse: uploads from disk, compression, the rest from
    # gunicorn (production Django does not serve uploads).
    server {{
        listen 127.0.0.1:{front_port};
        gzip on;
        gzip_comp_level 6;
        gzip_types text/css application/javascript text/javascript application/json image/svg+xml
                   application/rss+xml application/atom+xml application/xml;
        location {media_url} {{
            alias {media_root}/;
            expires 30d;
        }}
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_set_header Host $http_host;
            proxy_http_version 1.1;
        }}
    }}
}}
"""


class Nginx(Child):
    def __init__(self, *, binary, dir, floor_html, app_port, media_root, media_url):
        self.floor_port, self.front_port = free_port(), free_port()
        (dir / "floor").mkdir(parents=True, exist_ok=True)
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (dir / "tmp" / sub).mkdir(parents=True, exist_ok=True)
        (dir / "floor" / "home.html").write_bytes(floor_html)
        mime_types = Path("/etc/nginx/mime.types")
        conf = dir / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                workers=os.cpu_count() or 1,
                dir=dir,
                mime_types=mime_types if mime_types.exists() else "mime.types",
                floor_port=self.floor_port,
                front_port=self.front_port,
                app_port=app_port,
                media_root=media_root,
                media_url=media_url if media_url.endswith("/") else media_url + "/",
            )
        )
        argv = [binary, "-p", str(dir), "-c", str(conf), "-e", str(dir / "nginx-error.log")]
        super().__init__("nginx", argv, log_path=dir / "nginx.log")

    def start(self):
        super().start()
        wait_http(self.floor_port, "/home.html", child=self)
        return self


def varnish_vcl(source_text, app_port):
    """The VCL with every backend pointed at the bench's gunicorn (127.0.0.1:<port>)."""
    text = re.sub(r'(\.host\s*=\s*)"[^"]*"', r'\1"127.0.0.1"', source_text)
    return re.sub(r'(\.port\s*=\s*)"?\d+"?', rf'\1"{app_port}"', text)


BUILTIN_VCL = """vcl 4.1;
# No deploy/varnish/portal.vcl yet: Varnish's built-in behaviour in front of gunicorn.
backend default { .host = "127.0.0.1"; .port = "8000"; }
"""


class Varnish(Child):
    def __init__(self, *, binary, dir, vcl_source, app_port):
        self.port = free_port()
        dir.mkdir(parents=True, exist_ok=True)
        source = vcl_source.read_text() if vcl_source and vcl_source.exists() else BUILTIN_VCL
        self.vcl_name = vcl_source.name if vcl_source and vcl_source.exists() else "built-in"
        vcl = dir / "bench.vcl"
        vcl.write_text(varnish_vcl(source, app_port))
        vcl_dirs = [str(vcl_source.parent)] if vcl_source else []
        argv = [
            binary,
            "-F",
            "-n",
            str(dir / "work"),
            "-a",
            f"127.0.0.1:{self.port}",
            "-f",
            str(vcl),
            "-s",
            "malloc,256m",
            "-p",
            "vcl_path=" + ":".join([*vcl_dirs, "/etc/varnish", "/usr/share/varnish/vcl"]),
        ]
        if os.geteuid() == 0:
            argv += ["-j", "none"]  # a bench run as root: no privilege separation to set up
        super().__init__("varnishd", argv, log_path=dir / "varnishd.log")

    def start(self):
        super().start()
        wait_http(self.port, "/healthz", child=self, timeout=30)
        return self


class _SmtpHandler(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 bench ESMTP\r\n")
        in_data = False
        for line in self.rfile:
            if in_data:
                if line in (b".\r\n", b".\n"):
                    in_data = False
                    self.server.messages += 1
                    self.wfile.write(b"250 OK\r\n")
                continue
            verb = line[:4].upper()
            if verb == b"DATA":
                in_data = True
                self.wfile.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 Bye\r\n")
                return
            elif verb == b"EHLO":
                self.wfile.write(b"250 bench\r\n")
            else:
                self.wfile.write(b"250 OK\r\n")


class MailSink(socketserver.ThreadingTCPServer):
    """Accepts every message and keeps only a count: the receipt mail costs the request an SMTP
    hand-off, as with a local relay in production, and nothing leaves the machine."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        self.messages = 0
        self.port = self.server_address[1]
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()
