#!/usr/bin/env bash
# Shared by the infrastructure scripts (kafka.sh, ferretdb.sh, lib/daemon.sh): process and port helpers.
# The caller defines log() (its own prefix).

# True if something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# True if $1 exists and is not a zombie (an exited child may linger until init reaps it).
alive() {
  local pid="$1" stat
  kill -0 "$pid" 2>/dev/null || return 1
  if stat="$(cat "/proc/$pid/stat" 2>/dev/null)"; then
    stat="${stat##*) }"
    [[ "${stat:0:1}" != "Z" ]] || return 1
  fi
  return 0
}

# terminate PID TIMEOUT: asks the process to stop (SIGTERM), waits up to TIMEOUT seconds, then kills it (SIGKILL)
# and waits until it is gone.
terminate() {
  local pid="$1" timeout="$2"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  if alive "$pid"; then
    log "still alive after ${timeout}s - sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while alive "$pid"; do sleep 0.2; done
  fi
}

# launch_detached PID_FILE LOG_FILE COMMAND...: starts COMMAND in a session of its own (setsid + nohup: it outlives
# the calling shell or CI step, and Ctrl-C there does not reach it), its output appended to LOG_FILE, and prints its
# pid once it has written PID_FILE. setsid forks when its caller leads a process group, so $! is not reliably the
# process: the inner bash writes its own pid, then execs COMMAND. Fails when no pid file appears within 5 s.
launch_detached() {
  local pid_file="$1" log_file="$2" i
  shift 2
  rm -f "$pid_file"
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$pid_file" "$@" >>"$log_file" 2>&1 </dev/null &
  for i in $(seq 1 50); do
    [[ -s "$pid_file" ]] && break
    sleep 0.1
  done
  [[ -s "$pid_file" ]] || return 1
  tr -dc '0-9' <"$pid_file"
}
