//! Work split over the machine's cores: how many there are (asked once a
//! process) and a slice run in one chunk a core, results in order.

/// How many cores work is split over, asked once a process (the answer
/// reads the control groups' files: a review reading 2,000 short journals
/// spent a quarter of its time asking).
pub fn workers() -> usize {
    static WORKERS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *WORKERS.get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}

/// `f` of each of one chunk a core of `items`, in order; a chunk whose
/// thread stopped (none should) gives `U::default()`.
pub fn chunked<T: Sync, U: Send + Default>(items: &[T], f: impl Fn(&[T]) -> U + Sync) -> Vec<U> {
    let chunk = items.len().div_ceil(workers()).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items.chunks(chunk).map(|part| scope.spawn(move || f(part))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    })
}

/// `f` on each of one chunk a core of `items`, changing them in place.
pub fn chunked_mut<T: Send>(items: &mut [T], f: impl Fn(&mut [T]) + Sync) {
    let chunk = items.len().div_ceil(workers()).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        for part in items.chunks_mut(chunk) {
            scope.spawn(move || f(part));
        }
    });
}
