#!/usr/bin/env bash
# End to end: the real binary in tmux edits a balance, saves, quits; the saved file and the screen
# text are checked. Run by .ci/run when tmux is available.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${DRAWDOWN_BIN:-${CARGO_TARGET_DIR:-target}/debug/drawdown}
[ -x "$bin" ] || cargo build --quiet
bin=$(realpath "$bin")

session="drawdown-e2e-$$"
work=$(mktemp -d)
cleanup() {
    tmux kill-session -t "$session" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

cp saves/D.ron "$work/plan.ron"
# Own home and data folders, so no recovery file or plan of the user's is touched.
tmux new-session -d -s "$session" -x 120 -y 40 \
    "cd '$work' && HOME='$work' XDG_DATA_HOME='$work/data' '$bin' '$work/plan.ron'; sleep 0.5"

screen() { tmux capture-pane -p -t "$session"; }
wait_for() {
    for _ in $(seq 1 100); do
        if screen | grep -q -- "$1"; then return 0; fi
        sleep 0.1
    done
    echo "e2e: timed out waiting for: $1" >&2
    screen >&2
    exit 1
}

wait_for "Income by source"
wait_for "plan.ron"
# Accounts pane, first account's balance: type a new one.
tmux send-keys -t "$session" Tab Down 7 5 0 k
wait_for "750k"
tmux send-keys -t "$session" Enter
wait_for '\$750,000'
wait_for "plan.ron \[+\]"
tmux send-keys -t "$session" C-s
wait_for "saved"
final=$(screen)
tmux send-keys -t "$session" q

grep -q "balance: 750000," "$work/plan.ron" || { echo "e2e: balance not saved" >&2; cat "$work/plan.ron" >&2; exit 1; }
grep -q "balance: 500000," "$work/plan.ron.bak" || { echo "e2e: no backup of the old file" >&2; exit 1; }
grep -q "Strategies" <<<"$final" || grep -q "Taxes by year" <<<"$final" || { echo "e2e: screen lacks the charts" >&2; exit 1; }
for _ in $(seq 1 30); do
    if ! tmux has-session -t "$session" 2>/dev/null; then break; fi
    if ! tmux list-panes -t "$session" -F '#{pane_current_command}' | grep -q drawdown; then break; fi
    sleep 0.1
done
if tmux list-panes -t "$session" -F '#{pane_current_command}' 2>/dev/null | grep -q drawdown; then
    echo "e2e: drawdown did not quit" >&2
    exit 1
fi
echo "e2e: ok (edited, saved, quit; file and screen checked)"
