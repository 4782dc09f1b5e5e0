# Shared by the bench scripts that put nginx next to (or in front of) peixun:
# bench/http, bench/checkin, bench/exam and bench/scaleout. Sourced, not run:
#
#   source "$ROOT/bench/lib.sh"
#
# after the script has set WORK (its temporary directory, mode 755 so that nginx's
# workers can read it when started as root) and HOST. Starts nothing by itself.

# Stops a process this script started: SIGTERM, then SIGKILL after `seconds`.
# An empty or finished pid is no error.
stop_process() {  # pid, seconds[, name: say so on stderr when it had to be killed]
  local pid="$1" wait_s="$2" name="${3:-}"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < wait_s * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  [[ -n "$name" ]] && echo "$name did not stop within ${wait_s}s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Waits up to BENCH_WAIT_SECONDS (30) for `url` to answer 2xx while `pid` lives;
# otherwise prints the logs and exits 1 (the script's EXIT trap stops what it
# started). A loaded machine may need longer (the demo loads in ~60 s there).
wait_for() {  # url, pid, log files to show when nothing answers
  local url="$1" pid="$2"
  shift 2
  for ((i = 0; i < ${BENCH_WAIT_SECONDS:-30} * 10; i++)); do
    curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$@" >&2 2>/dev/null || true
  echo "bench/$(basename "$(dirname "$0")"): nothing answered at $url" >&2
  exit 1
}

# The 20-byte file nginx serves as the yardstick ($WORK/www/hello.txt), and the
# directory for nginx's temporary files.
bench_static_site() {
  mkdir -p "$WORK/www" "$WORK/nginx-tmp"
  printf '0123456789abcdefghi\n' >"$WORK/www/hello.txt"
  chmod -R a+rX "$WORK/www"
}

# The lines every bench's nginx.conf starts with: 2 workers in the foreground (the
# script stops it), its pid and error log in $WORK.
bench_nginx_head() {  # worker_connections
  cat <<NGINX
worker_processes 2;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections $1; }
NGINX
}

# The lines every bench's nginx.conf starts its http block with: nginx's temporary
# files inside $WORK (nothing written elsewhere, nothing needing root).
bench_nginx_temp_paths() {
  cat <<NGINX
  client_body_temp_path $WORK/nginx-tmp/body;
  proxy_temp_path $WORK/nginx-tmp/proxy;
  fastcgi_temp_path $WORK/nginx-tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx-tmp/uwsgi;
  scgi_temp_path $WORK/nginx-tmp/scgi;
NGINX
}

# $WORK/nginx.conf: 2 workers, no access log, $WORK/www on HOST:port.
bench_static_nginx_conf() {  # port
  cat >"$WORK/nginx.conf" <<NGINX
$(bench_nginx_head 1024)
http {
  access_log off;
$(bench_nginx_temp_paths)
  keepalive_requests 1000000;
  server { listen $HOST:$1; root $WORK/www; default_type text/plain; }
}
NGINX
}

# Starts nginx in the foreground (daemon off) with `config`, prefix $WORK, and sets
# NGINX_PID; with `url`, then waits until it answers there (bench_wait_nginx).
bench_start_nginx() {  # config[, url]
  nginx -p "$WORK" -c "$1" >"$WORK/nginx.out" 2>&1 &
  NGINX_PID=$!
  [[ -z "${2:-}" ]] || bench_wait_nginx "$2"
}

# Waits until the nginx bench_start_nginx started answers at `url`; else prints its
# output and dies.
bench_wait_nginx() {  # url
  wait_for "$1" "$NGINX_PID" "$WORK/nginx.out" "$WORK/nginx-error.log"
}

# Stops the nginx bench_start_nginx started (if any).
bench_stop_nginx() {
  stop_process "${NGINX_PID:-}" 5 nginx
  NGINX_PID=""
}
