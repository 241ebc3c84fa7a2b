//! Lists a recognizer leaves on its thread for the next run, so that the runs of a document
//! refill one set of lists instead of allocating their own.

use std::cell::Cell;
use std::thread::LocalKey;

/// Spare lists hold at most this many items: a run as long as a whole document would
/// otherwise keep its memory alive for the life of the thread.
pub const SPARE_MAX: usize = 1 << 12;

/// A thread's lists left for its next run, taken with [`take`] and left with [`leave`].
pub type Spare<T> = LocalKey<Cell<Option<T>>>;

/// The lists the last run on this thread left in `spare`, or new ones.
pub fn take<T: Default>(spare: &'static Spare<T>) -> T {
    spare
        .try_with(Cell::take)
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Leaves `lists`, whose longest has room for `room` items, for the next run on this thread,
/// unless they are longer than [`SPARE_MAX`] or the thread is ending.
pub fn leave<T>(spare: &'static Spare<T>, lists: T, room: usize) {
    if room <= SPARE_MAX {
        let _ = spare.try_with(|spare| spare.set(Some(lists)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static LISTS: Cell<Option<Vec<u32>>> = const { Cell::new(None) };
    }

    #[test]
    fn lists_are_left_for_the_next_run_up_to_the_cap() {
        let mut lists: Vec<u32> = take(&LISTS);
        assert_eq!(lists.capacity(), 0, "none left yet: new lists");
        lists.extend(0..100);
        lists.clear();
        let room = lists.capacity();
        leave(&LISTS, lists, room);
        assert_eq!(
            take(&LISTS).capacity(),
            room,
            "the lists left are the next taken"
        );
        assert_eq!(take(&LISTS).capacity(), 0, "taken once");
        let big: Vec<u32> = Vec::with_capacity(SPARE_MAX + 1);
        leave(&LISTS, big, SPARE_MAX + 1);
        assert_eq!(
            take(&LISTS).capacity(),
            0,
            "lists past the cap are not kept"
        );
    }
}
