//! Parallel work over the inputs with results handed on in input order as they complete.
//!
//! Collecting every result before writing holds a whole corpus's output (and, for `check`,
//! every source) in memory at once. Here each worker takes the next input in order, so
//! results arrive nearly in order and the reorder buffer holds about one per thread; the
//! caller's sink writes each one and lets it go. Output is the same for any thread count.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// Runs `work` on every item on `pool` and passes the results to `sink` in item order.
///
/// A sink error stops the workers after the items they are on (a closed pipe should not
/// cost the rest of a corpus's analysis) and is returned.
pub fn for_each<T, R, E>(
    pool: &rayon::ThreadPool,
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    pool.in_place_scope(|scope| {
        for _ in 0..pool.current_num_threads().min(items.len()) {
            let tx = tx.clone();
            let (next, stop, work) = (&next, &stop, &work);
            scope.spawn(move |_| {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    if tx.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        // The workers hold the only senders now, so the loop below ends when they do.
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut due = 0;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&due) {
                due += 1;
                if let Err(e) = sink(result) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool")
    }

    #[test]
    fn results_come_in_input_order_whatever_finishes_first() {
        let items: Vec<u64> = (0..40).collect();
        for threads in [1, 2, 4] {
            let mut seen = Vec::new();
            let done: Result<(), ()> = for_each(
                &pool(threads),
                &items,
                |&i| {
                    // Early items take longest, so later ones finish first.
                    std::thread::sleep(Duration::from_millis((40 - i) % 7));
                    i * 10
                },
                |r| {
                    seen.push(r);
                    Ok(())
                },
            );
            assert_eq!(done, Ok(()));
            assert_eq!(seen, items.iter().map(|i| i * 10).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_sink_error_stops_the_work_and_is_returned() {
        let items: Vec<usize> = (0..10_000).collect();
        let worked = AtomicUsize::new(0);
        let mut written = 0;
        let done = for_each(
            &pool(2),
            &items,
            |&i| {
                worked.fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(Duration::from_micros(200));
                i
            },
            |i| {
                written += 1;
                if i == 5 { Err("closed") } else { Ok(()) }
            },
        );
        assert_eq!(done, Err("closed"));
        assert_eq!(written, 6);
        assert!(worked.load(Ordering::Relaxed) < 1000, "workers went on");
    }

    #[test]
    fn no_items_no_calls() {
        let items: Vec<u8> = Vec::new();
        let done: Result<(), ()> = for_each(&pool(2), &items, |&b| b, |_| panic!("no item"));
        assert_eq!(done, Ok(()));
    }
}
