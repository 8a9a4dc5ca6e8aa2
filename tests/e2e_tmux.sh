#!/usr/bin/env bash
# End to end: the real binary in tmux edits a balance, then from the keyboard alone adds a Roth
# conversion to the 22% bracket capped at $100k and a custom order (Roth, taxable, tax-deferred),
# reads both columns in the comparison, saves and quits; the saved file, `drawdown report` of it
# and the screen text are checked. Run by .ci/run when tmux is available.
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
# Own home and data folders, so no recovery file or plan of the user's is touched. 100x30: the
# comparison tab takes the whole width.
tmux new-session -d -s "$session" -x 100 -y 30 \
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
keys() { tmux send-keys -t "$session" "$@"; sleep 0.15; }

wait_for "income by source"
wait_for "plan.ron"
# Accounts pane, first account's balance: type a new one.
keys Tab Down 7 5 0 k
wait_for "750k"
keys Enter
wait_for '\$750,000'
wait_for "plan.ron \[+\]"

# Strategies pane: add a Roth conversion (the picker's sixth kind), cap it at $100k a year.
keys Tab Tab Tab
wait_for "Strategies"
keys a
wait_for "Add a strategy"
keys Down Down Down Down Down Enter
wait_for "Convert to 22%"
# The new strategy's fields: Label, Bracket (22% already), Yearly cap.
keys Down Down Enter 1 0 0 k
wait_for '= \$100,000'
keys Enter
wait_for 'Convert to 22%, cap \$100k'
# A custom order: the ninth kind, Roth then taxable then tax-deferred.
keys a
wait_for "Add a strategy"
keys Down Down Down Down Down Down Down Down Enter
wait_for "Roth, taxable, deferred"

# The comparison, full width and focused (`c`): the last column widened, then the one before it.
keys c
wait_for "Strategies compared\|▶ Strategies"
for _ in $(seq 1 14); do keys ']'; done
keys w
wait_for "Roth, taxable, deferred"
compare_last=$(screen)
keys '['
wait_for 'Convert to 22%, cap \$100k'
compare_before=$(screen)
grep -q "Lifetime federal tax" <<<"$compare_last" || { echo "e2e: no comparison on screen" >&2; echo "$compare_last" >&2; exit 1; }

keys C-s
wait_for "saved"
final=$(screen)
keys q

grep -q "balance: 750000," "$work/plan.ron" || { echo "e2e: balance not saved" >&2; cat "$work/plan.ron" >&2; exit 1; }
grep -q "balance: 500000," "$work/plan.ron.bak" || { echo "e2e: no backup of the old file" >&2; exit 1; }
grep -q "yearly_cap: Some(100000)" "$work/plan.ron" || { echo "e2e: the conversion's cap was not saved" >&2; exit 1; }
grep -q "CustomOrder" "$work/plan.ron" || { echo "e2e: the custom order was not saved" >&2; exit 1; }
report=$("$bin" report "$work/plan.ron" --format csv | head -1)
grep -q '"Convert to 22%, cap $100k"' <<<"$report" || { echo "e2e: report lacks the conversion: $report" >&2; exit 1; }
grep -q '"Roth, taxable, deferred"' <<<"$report" || { echo "e2e: report lacks the custom order: $report" >&2; exit 1; }
grep -q "Strategies" <<<"$final" || { echo "e2e: screen lacks the comparison" >&2; exit 1; }
: "$compare_before"
for _ in $(seq 1 30); do
    if ! tmux has-session -t "$session" 2>/dev/null; then break; fi
    if ! tmux list-panes -t "$session" -F '#{pane_current_command}' | grep -q drawdown; then break; fi
    sleep 0.1
done
if tmux list-panes -t "$session" -F '#{pane_current_command}' 2>/dev/null | grep -q drawdown; then
    echo "e2e: drawdown did not quit" >&2
    exit 1
fi
echo "e2e: ok (edited, added a capped conversion and a custom order, read both, saved, reported, quit)"
