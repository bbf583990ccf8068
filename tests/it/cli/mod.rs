//! The command line itself: bad input, completion, help pages and the pager.

mod bad_input;
mod completion;
mod help;
mod pager;
