//! What `s3 sync` does, decided as the CLI's comparator decides it
//! (awscli/customizations/s3/comparator.py and syncstrategy/): both sides arrive as streams
//! sorted by key (an S3 listing, a local walk in the same order) and are merged one entry at a
//! time, so neither side is ever held whole in memory.
//!
//! - only at the source: transfer it;
//! - at both: transfer it if the sizes differ or the times say the source is newer
//!   (`--size-only`: sizes alone; `--exact-timestamps`, downloads only: unless equal);
//! - only at the destination: delete it with `--delete`, else leave it.
//!
//! A listing that fails ends the plan there: nothing more is transferred and, above all,
//! nothing is deleted on the strength of a listing that did not finish.

use std::cmp::Ordering;
use std::path::PathBuf;
use std::pin::Pin;
use std::time::SystemTime;

use futures_util::stream::{self, Peekable, Stream, StreamExt};

/// One file or object, keyed by its path below the side's root (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub size: u64,
    pub modified: SystemTime,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The file's absolute path.
    Local(PathBuf),
    /// The object's whole key and storage class.
    S3 {
        key: String,
        storage_class: Option<String>,
    },
}

/// What a side's listing yields.
#[derive(Debug)]
pub enum Listed {
    Entry(Entry),
    /// A file left out, with the CLI's warning line.
    Warning(String),
    /// The listing failed: the whole `fatal error: ...` line.
    Fatal(String),
}

/// One thing to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// Copy this source entry over.
    Transfer(Entry),
    /// Delete this destination entry (`--delete`).
    Delete(Entry),
    Warning(String),
    Fatal(String),
}

/// Which way the bytes go: it decides how times are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Upload,
    Download,
    Copy,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Rules {
    pub delete: bool,
    pub size_only: bool,
    pub exact_timestamps: bool,
}

/// Whether a file present on both sides is transferred again.
pub fn changed(src: &Entry, dest: &Entry, direction: Direction, rules: Rules) -> bool {
    if src.size != dest.size {
        return true;
    }
    if rules.size_only {
        return false;
    }
    let same_time = match direction {
        // The destination was written after the source last changed, at the precision
        // S3 keeps (whole seconds): a file uploaded in the second it was written is not
        // newer than its object.
        Direction::Upload | Direction::Copy => dest.modified >= whole_seconds(src.modified),
        Direction::Download if rules.exact_timestamps => dest.modified == src.modified,
        // A same-sized object changed in S3 is not downloaded unless the local file is
        // newer, as the CLI documents.
        Direction::Download => dest.modified <= src.modified,
    };
    !same_time
}

/// The time with its fraction of a second dropped, as S3's LastModified has it.
fn whole_seconds(time: SystemTime) -> SystemTime {
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(since) => SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(since.as_secs()),
        Err(_) => time,
    }
}

type Side<'a> = Pin<Box<Peekable<Pin<Box<dyn Stream<Item = Listed> + 'a>>>>>;

struct Merge<'a> {
    src: Side<'a>,
    dest: Side<'a>,
    direction: Direction,
    rules: Rules,
    done: bool,
}

/// The steps that make `dest` like `src`, in key order.
pub fn plan<'a>(
    src: impl Stream<Item = Listed> + 'a,
    dest: impl Stream<Item = Listed> + 'a,
    direction: Direction,
    rules: Rules,
) -> impl Stream<Item = Step> + 'a {
    let side = |s: Pin<Box<dyn Stream<Item = Listed> + 'a>>| Box::pin(s.peekable());
    let merge = Merge {
        src: side(Box::pin(src)),
        dest: side(Box::pin(dest)),
        direction,
        rules,
        done: false,
    };
    stream::unfold(merge, |mut merge| async move {
        let step = merge.next().await?;
        Some((step, merge))
    })
}

impl Merge<'_> {
    async fn next(&mut self) -> Option<Step> {
        while !self.done {
            // Warnings pass straight through; a failed listing ends everything.
            for side in [&mut self.src, &mut self.dest] {
                if matches!(
                    side.as_mut().peek().await,
                    Some(Listed::Warning(_) | Listed::Fatal(_))
                ) {
                    match side.next().await {
                        Some(Listed::Warning(line)) => return Some(Step::Warning(line)),
                        Some(Listed::Fatal(line)) => {
                            self.done = true;
                            return Some(Step::Fatal(line));
                        }
                        _ => unreachable!("peeked"),
                    }
                }
            }
            let order = match (
                self.src.as_mut().peek().await,
                self.dest.as_mut().peek().await,
            ) {
                (None, None) => return None,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some(Listed::Entry(s)), Some(Listed::Entry(d))) => s.key.cmp(&d.key),
                _ => unreachable!("warnings and failures were taken above"),
            };
            match order {
                Ordering::Less => return Some(Step::Transfer(self.take_src().await)),
                Ordering::Greater => {
                    let dest = take(&mut self.dest).await;
                    if self.rules.delete {
                        return Some(Step::Delete(dest));
                    }
                }
                Ordering::Equal => {
                    let src = self.take_src().await;
                    let dest = take(&mut self.dest).await;
                    if changed(&src, &dest, self.direction, self.rules) {
                        return Some(Step::Transfer(src));
                    }
                }
            }
        }
        None
    }

    async fn take_src(&mut self) -> Entry {
        take(&mut self.src).await
    }
}

/// The entry just peeked at.
async fn take(side: &mut Side<'_>) -> Entry {
    match side.next().await {
        Some(Listed::Entry(entry)) => entry,
        _ => unreachable!("an entry was peeked"),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::time::Duration;

    use proptest::prelude::*;

    use super::*;

    fn entry(key: &str, size: u64, secs: u64) -> Entry {
        Entry {
            key: key.to_string(),
            size,
            modified: SystemTime::UNIX_EPOCH + Duration::from_secs(secs),
            origin: Origin::Local(PathBuf::from(key)),
        }
    }

    fn run(src: Vec<Listed>, dest: Vec<Listed>, direction: Direction, rules: Rules) -> Vec<Step> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(
            plan(stream::iter(src), stream::iter(dest), direction, rules).collect::<Vec<_>>(),
        )
    }

    fn listed(entries: &[Entry]) -> Vec<Listed> {
        entries.iter().cloned().map(Listed::Entry).collect()
    }

    #[test]
    fn times_are_compared_the_cli_way() {
        let older = entry("k", 1, 100);
        let newer = entry("k", 1, 200);
        let rules = Rules::default();
        // Upload and copy: a source newer than the destination goes again.
        assert!(changed(&newer, &older, Direction::Upload, rules));
        assert!(!changed(&older, &newer, Direction::Upload, rules));
        assert!(!changed(&older, &older, Direction::Copy, rules));
        // Download: only a local file newer than the object is replaced.
        assert!(changed(&older, &newer, Direction::Download, rules));
        assert!(!changed(&newer, &older, Direction::Download, rules));
        let exact = Rules {
            exact_timestamps: true,
            ..rules
        };
        assert!(changed(&newer, &older, Direction::Download, exact));
        assert!(!changed(&older, &older, Direction::Download, exact));
        // --exact-timestamps is for downloads only.
        assert!(!changed(&older, &newer, Direction::Upload, exact));
        let size_only = Rules {
            size_only: true,
            ..rules
        };
        assert!(!changed(&newer, &older, Direction::Upload, size_only));
        assert!(changed(
            &entry("k", 2, 0),
            &older,
            Direction::Upload,
            size_only
        ));
    }

    /// A file written at 100.7 s and uploaded within that second gets an object stamped
    /// 100 s: the same, not older (it was uploaded again by every quick second sync).
    #[test]
    fn upload_times_are_compared_in_whole_seconds() {
        let mut written = entry("k", 1, 100);
        written.modified += Duration::from_millis(700);
        let object = entry("k", 1, 100);
        let rules = Rules::default();
        assert!(!changed(&written, &object, Direction::Upload, rules));
        assert!(changed(
            &written,
            &entry("k", 1, 99),
            Direction::Upload,
            rules
        ));
        // The next second is newer.
        let mut later = entry("k", 1, 101);
        later.modified += Duration::from_millis(1);
        assert!(changed(&later, &object, Direction::Upload, rules));
    }

    #[test]
    fn a_failed_listing_stops_everything_and_deletes_nothing() {
        let rules = Rules {
            delete: true,
            ..Rules::default()
        };
        let src = vec![
            Listed::Entry(entry("a", 1, 1)),
            Listed::Fatal("fatal error: boom".into()),
        ];
        let dest = listed(&[entry("b", 1, 1), entry("c", 1, 1)]);
        let steps = run(src, dest, Direction::Upload, rules);
        assert_eq!(
            steps,
            vec![
                Step::Transfer(entry("a", 1, 1)),
                Step::Fatal("fatal error: boom".into())
            ]
        );
    }

    /// The reference: both sides loaded whole into maps, decided key by key.
    fn model(src: &[Entry], dest: &[Entry], direction: Direction, rules: Rules) -> Vec<Step> {
        let src: BTreeMap<_, _> = src.iter().map(|e| (e.key.clone(), e)).collect();
        let dest: BTreeMap<_, _> = dest.iter().map(|e| (e.key.clone(), e)).collect();
        let mut keys: Vec<&String> = src.keys().chain(dest.keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .filter_map(|key| match (src.get(key), dest.get(key)) {
                (Some(s), None) => Some(Step::Transfer((*s).clone())),
                (Some(s), Some(d)) if changed(s, d, direction, rules) => {
                    Some(Step::Transfer((*s).clone()))
                }
                (None, Some(d)) if rules.delete => Some(Step::Delete((*d).clone())),
                _ => None,
            })
            .collect()
    }

    fn side() -> impl Strategy<Value = Vec<Entry>> {
        proptest::collection::btree_map("[ab/.-]{1,4}", (0u64..3, 0u64..3), 0..12).prop_map(|map| {
            map.into_iter()
                .map(|(key, (size, secs))| entry(&key, size, secs))
                .collect()
        })
    }

    proptest! {
        /// The streaming merge makes exactly the reference's decisions, in key order.
        #[test]
        fn the_merge_agrees_with_the_reference(
            src in side(),
            dest in side(),
            direction in prop_oneof![Just(Direction::Upload), Just(Direction::Download), Just(Direction::Copy)],
            delete: bool,
            size_only: bool,
            exact_timestamps: bool,
        ) {
            let rules = Rules { delete, size_only, exact_timestamps };
            let expected = model(&src, &dest, direction, rules);
            let steps = run(listed(&src), listed(&dest), direction, rules);
            prop_assert_eq!(steps, expected);
        }
    }
}
