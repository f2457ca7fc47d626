//! How much memory rendering a template may take.
//!
//! A template's fuel counts its steps, not what they build: `{% set s = s ~ s %}` doubles a text
//! at every step, so forty steps ask for a terabyte. The template engine has no limit of its
//! own on the size of a text, and a program cannot recover from running out of memory, so the
//! limit is kept where every byte is asked for: `Counting`, the allocator the `ties` command
//! uses, counts the bytes in use. `limited` runs some work with a limit on how many more bytes
//! it may take; past it, the handler the command set with `on_exceeded` is called, with a
//! message saying what was stopped, and ends the command. Where `Counting` is not the
//! allocator (in a program that uses the library some other way) `limited` only runs the work.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// The allocator that counts the bytes in use, for `limited`.
pub struct Counting;

/// Bytes in use, as `Counting` counts them.
static LIVE: AtomicUsize = AtomicUsize::new(0);
/// The most bytes that may be in use while a limit is set; `usize::MAX` when none is.
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
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
    let limit = LIVE.load(Ordering::Relaxed).saturating_add(bytes);
    let previous = LIMIT.swap(limit, Ordering::SeqCst);
    let result = work();
    LIMIT.store(previous, Ordering::SeqCst);
    result
}

/// Called when an allocation would pass the limit: lifts it, so that the handler can allocate,
/// and hands it the message.
#[cold]
fn exceeded() {
    if LIMIT.swap(usize::MAX, Ordering::SeqCst) == usize::MAX {
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

/// Counts `more` bytes as taken, and checks the limit.
fn take(more: usize) {
    let live = LIVE.fetch_add(more, Ordering::Relaxed).saturating_add(more);
    if live > LIMIT.load(Ordering::Relaxed) {
        exceeded();
    }
}

fn give_back(less: usize) {
    LIVE.fetch_sub(less, Ordering::Relaxed);
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

/// Bytes in use now, as `Counting` counts them (0 where it is not the allocator).
pub fn in_use() -> usize {
    LIVE.load(Ordering::Relaxed)
}
