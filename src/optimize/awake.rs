//! Parallel work for the searches, with no thread asleep while there is work to hand it.
//!
//! A search hands the pool hundreds of small batches (two to four replays of some tens of
//! microseconds each) between stretches of work on one thread. rayon puts a worker with nothing
//! to do to sleep within microseconds, and a thread that waits in `join` for an item another
//! took sleeps too; on this project's virtual machines waking one takes about as long as the
//! batch it is woken for. Measured (2026-12-03): two 25 µs jobs joined after 30 µs of work on one
//! thread took 77–85 µs a round with rayon's `join`, as long as running all three in turn, and
//! 56–60 µs with the other worker kept looking for work, against 55 µs for perfect sharing.
//!
//! So during a search one worker is kept looking for work ([`keep_awake`]) and the batches are
//! waited for the same way ([`map_busy`]). The cost is a core kept busy while the search runs;
//! a waiting thread yields it to the operating system between looks, so other programs and the
//! planner's own threads still get it.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Runs `f` while another worker of rayon's pool looks for work without sleeping, until `f`
/// returns or unwinds. Meant for a caller on one of the pool's threads, whose batches that
/// worker then takes as soon as they are offered.
pub fn keep_awake<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    let done = AtomicBool::new(false);
    let (out, ()) = rayon::join(
        || {
            // Set however `f` ends: `join` returns (or unwinds) only once the keeper stops.
            let _done = OnDrop(|| done.store(true, Ordering::Release));
            f()
        },
        // On a pool of one thread this runs after `f`, and ends at once.
        || work_until(|| done.load(Ordering::Acquire)),
    );
    out
}

/// `f` of each item, in order, the items shared over rayon's pool; the caller takes the first
/// and then whatever is left, and waits for the rest without sleeping. Called off the pool, on a
/// pool of one thread, or with one item, it maps them on this thread.
pub fn map_busy<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() < 2
        || rayon::current_num_threads() < 2
        || rayon::current_thread_index().is_none()
    {
        return items.iter().map(f).collect();
    }
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let left = AtomicUsize::new(items.len());
    let run = |item: &T, slot: &Mutex<Option<R>>| {
        // Counted however `f` ends: a panic must not leave the caller waiting for ever (the
        // scope then passes the panic on).
        let _counted = OnDrop(|| {
            left.fetch_sub(1, Ordering::Release);
        });
        let out = f(item);
        *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(out);
    };
    rayon::in_place_scope(|s| {
        for (item, slot) in items.iter().zip(&slots).skip(1) {
            let run = &run;
            s.spawn(move |_| run(item, slot));
        }
        run(&items[0], &slots[0]);
        work_until(|| left.load(Ordering::Acquire) == 0);
    });
    slots
        .into_iter()
        .map(|s| {
            s.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("the scope ends only after every item is mapped")
        })
        .collect()
}

/// Runs the pool's pending jobs (or yields the core to the operating system when there are
/// none) until `done`.
fn work_until(done: impl Fn() -> bool) {
    while !done() {
        if rayon::yield_now() != Some(rayon::Yield::Executed) {
            std::thread::yield_now();
        }
    }
}

/// Runs a closure when dropped, on return or unwinding alike.
struct OnDrop<F: FnMut()>(F);

impl<F: FnMut()> Drop for OnDrop<F> {
    fn drop(&mut self) {
        (self.0)()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU32;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool")
    }

    #[test]
    fn maps_in_order_on_and_off_the_pool() {
        let items: Vec<u64> = (0..37).collect();
        let square = |x: &u64| x * x;
        let want: Vec<u64> = items.iter().map(square).collect();
        assert_eq!(map_busy(&items, square), want, "off the pool");
        for threads in [1, 2, 4] {
            let got = pool(threads).install(|| keep_awake(|| map_busy(&items, square)));
            assert_eq!(got, want, "{threads} threads");
        }
        assert_eq!(map_busy(&[] as &[u64], square), Vec::<u64>::new());
        assert_eq!(pool(2).install(|| map_busy(&[7u64], square)), vec![49]);
    }

    #[test]
    fn the_items_are_shared_between_the_workers() {
        // Each item waits (up to ten seconds) until both have started: run on one thread,
        // the second would start only after the first gave up.
        let started = AtomicU32::new(0);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let got = pool(2).install(|| {
            keep_awake(|| {
                map_busy(&[1u32, 2], |_| {
                    started.fetch_add(1, Ordering::SeqCst);
                    while started.load(Ordering::SeqCst) < 2 && std::time::Instant::now() < deadline
                    {
                        std::hint::spin_loop();
                    }
                    rayon::current_thread_index()
                })
            })
        });
        assert_ne!(got[0], got[1], "{got:?}");
    }

    #[test]
    fn nested_maps_end() {
        let outer: Vec<u64> = (0..6).collect();
        let got = pool(2).install(|| {
            keep_awake(|| {
                map_busy(&outer, |&o| {
                    let inner: Vec<u64> = (0..5).map(|i| o * 10 + i).collect();
                    map_busy(&inner, |x| x + 1).iter().sum::<u64>()
                })
            })
        });
        let want: Vec<u64> = outer
            .iter()
            .map(|o| (0..5).map(|i| o * 10 + i + 1).sum())
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_panic_is_passed_on_and_nothing_waits_for_ever() {
        let items: Vec<u32> = (0..8).collect();
        let pool = pool(2);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pool.install(|| {
                keep_awake(|| {
                    map_busy(&items, |&x| {
                        assert!(x != 5, "item five");
                        x
                    })
                })
            })
        }));
        assert!(caught.is_err());
        // And the pool still works.
        let again = pool.install(|| keep_awake(|| map_busy(&items, |&x| x + 1)));
        assert_eq!(again, (1..9).collect::<Vec<u32>>());
    }
}
