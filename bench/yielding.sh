#!/bin/bash
# Usage: bench/yielding.sh npm run bench -- ingest   (see docs/benchmarks.md, "Conditions")
# Runs "$@"; while it runs, every process that is not it or its descendant is reniced to 19, so
# unrelated work on this shared machine yields the CPUs to the measurement. Restored afterwards.
ps_file="${TMPDIR:-/tmp}/yielding.$$.ps"
restore_file="${TMPDIR:-/tmp}/yielding.$$.restore"
: > "$restore_file"
restore() {
  while read -r pid ni; do renice -n "$ni" -p "$pid" >/dev/null 2>&1; done < "$restore_file"
  rm -f "$ps_file" "$restore_file"
}
trap restore EXIT
"$@" &
child=$!
while kill -0 $child 2>/dev/null; do
  ps -eo pid=,ppid=,ni=,comm= > "$ps_file"
  keep=$(awk -v root=$child '{pp[$1]=$2} END {for (p in pp) {q=p; while (q>1) {if (q==root) {print p; break}; q=pp[q]}}}' "$ps_file")
  awk '$3<19 && $4!~/^(kworker|ksoftirq|rcu|migration|kthreadd|process_api|kdamond|bash|sleep|ps|awk|renice|yielding)/ {print $1, $3}' "$ps_file" |
    grep -v -f <(echo "$keep" | sed 's/.*/^& /'; echo "^$$ ") |
    while read -r pid ni; do renice -n 19 -p "$pid" >/dev/null 2>&1 && echo "$pid $ni" >> "$restore_file"; done
  sleep 1
done
wait $child
