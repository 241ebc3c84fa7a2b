//! Several vectors read as one indexed parallel iterator, so that joining them writes each
//! stretch of the joined vector on whichever thread of the pool takes it.
//!
//! rayon flattens nested vectors only as an unindexed iterator, whose `collect` gathers a
//! vector per task and then appends them one after the other on one thread: the copy this
//! is here to share. An indexed iterator is collected straight into the result instead.

use std::iter::{FlatMap, RepeatN, Zip};

use rayon::iter::plumbing::{Consumer, Producer, ProducerCallback, UnindexedConsumer, bridge};
use rayon::iter::{IndexedParallelIterator, ParallelIterator};

/// The items of a list of tagged vectors, in order, each with its vector's tag.
pub(crate) struct Tagged<T> {
    parts: Vec<(usize, Vec<T>)>,
    len: usize,
}

impl<T> Tagged<T> {
    /// Reads `parts` one after the other.
    pub(crate) fn new(parts: Vec<(usize, Vec<T>)>) -> Self {
        let len = parts.iter().map(|(_, items)| items.len()).sum();
        Self { parts, len }
    }
}

impl<T: Send> ParallelIterator for Tagged<T> {
    type Item = (usize, T);

    fn drive_unindexed<C: UnindexedConsumer<Self::Item>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.len)
    }
}

impl<T: Send> IndexedParallelIterator for Tagged<T> {
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        self.len
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        callback.callback(self)
    }
}

/// One vector's items with its tag.
type TagEach<T> = Zip<RepeatN<usize>, std::vec::IntoIter<T>>;

fn tag_each<T>((tag, items): (usize, Vec<T>)) -> TagEach<T> {
    std::iter::repeat_n(tag, items.len()).zip(items)
}

impl<T: Send> Producer for Tagged<T> {
    type Item = (usize, T);
    type IntoIter = Counted<FlatMap<std::vec::IntoIter<(usize, Vec<T>)>, TagEach<T>, TagFn<T>>>;

    fn into_iter(self) -> Self::IntoIter {
        Counted {
            inner: self.parts.into_iter().flat_map(tag_each as TagFn<T>),
            len: self.len,
        }
    }

    /// Splits at item `index`: the vector that holds it is cut in two, which copies its
    /// items from `index` on (a split falls inside one vector, so at most one vector's worth).
    fn split_at(mut self, index: usize) -> (Self, Self) {
        let mut before = 0;
        let mut k = 0;
        while k < self.parts.len() && before + self.parts[k].1.len() <= index {
            before += self.parts[k].1.len();
            k += 1;
        }
        let mut right = self.parts.split_off(k);
        if let Some((tag, items)) = right.first_mut()
            && index > before
        {
            let tail = items.split_off(index - before);
            self.parts.push((*tag, std::mem::replace(items, tail)));
        }
        let left = Self {
            parts: self.parts,
            len: index,
        };
        let right = Self {
            parts: right,
            len: self.len - index,
        };
        (left, right)
    }
}

/// What [`tag_each`] is, as a type a producer can name.
type TagFn<T> = fn((usize, Vec<T>)) -> TagEach<T>;

/// An iterator that knows how many items it has left, which rayon's producers must.
pub(crate) struct Counted<I> {
    inner: I,
    len: usize,
}

impl<I: Iterator> Iterator for Counted<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let item = self.inner.next()?;
        self.len -= 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len, Some(self.len))
    }
}

impl<I: DoubleEndedIterator> DoubleEndedIterator for Counted<I> {
    fn next_back(&mut self) -> Option<I::Item> {
        let item = self.inner.next_back()?;
        self.len -= 1;
        Some(item)
    }
}

impl<I: Iterator> ExactSizeIterator for Counted<I> {}

#[cfg(test)]
mod tests {
    use rayon::prelude::*;

    use super::*;

    /// Vectors of 0 to 4 items, empty ones first, between and last, as (tag, item) pairs.
    fn parts() -> Vec<(usize, Vec<String>)> {
        [0, 3, 0, 0, 1, 4, 0, 2, 0]
            .iter()
            .enumerate()
            .map(|(tag, &n)| (tag, (0..n).map(|i| format!("{tag}.{i}")).collect()))
            .collect()
    }

    fn flat() -> Vec<(usize, String)> {
        parts()
            .into_iter()
            .flat_map(|(tag, items)| items.into_iter().map(move |s| (tag, s)))
            .collect()
    }

    /// Split anywhere, each side reads its stretch of the whole, from either end.
    #[test]
    fn a_split_anywhere_gives_both_stretches() {
        let whole = flat();
        assert_eq!(whole.len(), 10);
        for at in 0..=whole.len() {
            let (left, right) = Tagged::new(parts()).split_at(at);
            let (left, right) = (left.into_iter(), right.into_iter());
            assert_eq!((left.len(), right.len()), (at, whole.len() - at));
            assert_eq!(left.collect::<Vec<_>>(), whole[..at], "left of {at}");
            let back: Vec<_> = right.rev().collect();
            let expected: Vec<_> = whole[at..].iter().rev().cloned().collect();
            assert_eq!(back, expected, "right of {at}, read backwards");
        }
    }

    /// Split again inside each side, as rayon does, and read from both ends at once.
    #[test]
    fn splits_of_splits_read_in_order() {
        let whole = flat();
        for at in 0..=whole.len() {
            for inner in 0..=at {
                let (left, right) = Tagged::new(parts()).split_at(at);
                let (a, b) = left.split_at(inner);
                let mut got: Vec<_> = a.into_iter().collect();
                let mut b = b.into_iter();
                let mut tail = Vec::new();
                while let Some(x) = b.next() {
                    got.push(x);
                    if let Some(y) = b.next_back() {
                        tail.push(y);
                    }
                }
                got.extend(tail.into_iter().rev());
                got.extend(right.into_iter());
                assert_eq!(got, whole, "split at {at}, then {inner}");
            }
        }
    }

    /// Collected on pools of one to four threads, the items come out as a sequential
    /// flatten gives them, long enough for rayon to split many times.
    #[test]
    fn collects_in_order_on_any_pool() {
        let parts: Vec<(usize, Vec<usize>)> = (0..200)
            .map(|tag| (tag, (0..(tag * 7) % 23).map(|i| tag * 100 + i).collect()))
            .collect();
        let expected: Vec<(usize, usize)> = parts
            .iter()
            .flat_map(|(tag, items)| items.iter().map(move |&i| (*tag, i)))
            .collect();
        for threads in 1..=4 {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let got: Vec<(usize, usize)> =
                pool.install(|| Tagged::new(parts.clone()).with_max_len(3).collect());
            assert_eq!(got, expected, "{threads} threads");
        }
    }
}
