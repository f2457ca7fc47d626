//! How much memory rendering a template may take.
//!
//! A template's fuel counts its steps, not what they build: `{% set s = s ~ s %}` doubles a text
//! at every step, so forty steps ask for a terabyte. The template engine has no limit of its
//! own on the size of a text, and a program cannot recover from running out of memory, so the
//! limit is kept where every byte is asked for: `Counting`, the allocator the `ties` command
//! uses, counts the bytes taken and given back while a limit is set. `limited` runs some work
//! with a limit on how many more bytes it may take; past it, the handler the command set with
//! `on_exceeded` is called, with a message saying what was stopped, and ends the command. Where
//! `Counting` is not the allocator (in a program that uses the library some other way) `limited`
//! only runs the work.
//!
//! Without a limit, nothing is counted: a count shared by every thread, changed at every
//! allocation, made the threads that read an estate wait on each other (a fifth of the time of
//! `ties compare`, by `perf`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// The allocator that counts the bytes in use, for `limited`.
pub struct Counting;

/// Bytes taken less bytes given back, counted by `Counting` only while a limit is set.
static TAKEN: AtomicIsize = AtomicIsize::new(0);
/// The most `TAKEN` may reach while a limit is set; `NONE` when none is.
static LIMIT: AtomicIsize = AtomicIsize::new(NONE);
const NONE: isize = isize::MAX;
/// What is stopped when the limit is passed, in a sentence.
static WHAT: Mutex<String> = Mutex::new(String::new());
/// What the command does then.
static HANDLER: OnceLock<fn(&str) -> !> = OnceLock::new();

/// Sets what happens when a limit set with `limited` is passed: `handler` is given the message
/// and must end the process (it may allocate: the limit is lifted before it is called).
pub fn on_exceeded(handler: fn(&str) -> !) {
    let _ = HANDLER.set(handler);
}

/// Runs `work`, which may take at most `bytes` more memory than is in use when it starts. Past
/// that, `message` goes to the handler set with `on_exceeded` (without one, the process
/// aborts).
pub fn limited<R>(bytes: usize, message: String, work: impl FnOnce() -> R) -> R {
    if let Ok(mut what) = WHAT.lock() {
        *what = message;
    }
    // What was taken before is counted from here on: the limit is what is taken now, and
    // `bytes` more (`TAKEN` stands still while no limit is set, and counts on in one set inside
    // another).
    let bytes = isize::try_from(bytes).unwrap_or(NONE);
    let limit = TAKEN
        .load(Ordering::SeqCst)
        .saturating_add(bytes)
        .min(NONE - 1);
    let previous = LIMIT.swap(limit, Ordering::SeqCst);
    let result = work();
    LIMIT.store(previous, Ordering::SeqCst);
    result
}

/// Called when an allocation would pass the limit: lifts it, so that the handler can allocate,
/// and hands it the message.
#[cold]
fn exceeded() {
    if LIMIT.swap(NONE, Ordering::SeqCst) == NONE {
        return;
    }
    let message = WHAT
        .lock()
        .map(|w| w.clone())
        .unwrap_or_else(|_| "ties needed more memory than it may use".to_string());
    match HANDLER.get() {
        Some(handler) => handler(&message),
        None => std::process::abort(),
    }
}

/// Counts `more` bytes as taken, and checks the limit, while one is set.
fn take(more: usize) {
    let limit = LIMIT.load(Ordering::Relaxed);
    if limit == NONE {
        return;
    }
    let more = more as isize;
    let taken = TAKEN
        .fetch_add(more, Ordering::Relaxed)
        .saturating_add(more);
    if taken > limit {
        exceeded();
    }
}

/// Counts `less` bytes as given back, while a limit is set.
fn give_back(less: usize) {
    if LIMIT.load(Ordering::Relaxed) != NONE {
        TAKEN.fetch_sub(less as isize, Ordering::Relaxed);
    }
}

// SAFETY: every call goes to the system allocator with the same arguments; the counting around
// it touches only atomics, and the handler called past a limit ends the process.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        take(layout.size());
        // SAFETY: the caller's guarantees for `layout` are passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        take(layout.size());
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        give_back(layout.size());
        // SAFETY: `ptr` was allocated by `System` with `layout`, through this allocator.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            take(new_size - layout.size());
        } else {
            give_back(layout.size() - new_size);
        }
        // SAFETY: as for `dealloc`, and `new_size` is the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
