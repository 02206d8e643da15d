//! Which actors and recommendations a view or a command shows: one syntax,
//! parsed into a plain value, read the same by the dashboard, the tracker,
//! `reconvene --filter F` and `reconvene status --filter F`, so a script
//! and the screen always agree on who is in.
//!
//! The syntax is words separated by spaces (double quotes keep spaces in a
//! word):
//!
//! - `kind:government` — the actor's kind (`intergovernmental`, `industry`,
//!   `civil-society`, `academia`);
//! - `role:member` — the actor's working-group role (`co-chair`, `observer`,
//!   `none` for an actor without one);
//! - `status:vendor-verification=NoEvidence` — the actor's status on a
//!   recommendation (its id or its number on the dashboard), as the data
//!   spells it, in any case, `-`/`_` ignored; `=NoEvidence,Endorsed` takes
//!   either. Only a commitment the recommendation grades matches;
//! - `tracked` — only the recommendations the tracker follows, as columns;
//! - `text:pegasus` or a bare word — in the name, the id, an alias or the
//!   country, in any case.
//!
//! Different terms must all hold. The same key twice (`kind:government
//! kind:intergovernmental`, or two statuses on one recommendation) takes
//! either; words must all be found.

use super::{Actor, ActorKind, Recommendation, Role, Status, progress::grades};

/// A parsed filter. The default filter lets everyone through.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// The text it was parsed from, trimmed (what a prompt shows to edit).
    source: String,
    /// Kinds, any of which lets an actor in (none: any kind).
    kinds: Vec<ActorKind>,
    /// Roles (`None`: no role), any of which lets an actor in.
    roles: Vec<Option<Role>>,
    /// Per recommendation id, the statuses any of which lets an actor in.
    statuses: Vec<(String, Vec<Status>)>,
    /// Only the tracked recommendations, as columns.
    tracked: bool,
    /// Words each of which must be in the actor's names or country,
    /// lowercased.
    words: Vec<String>,
}

/// Why a filter could not be read: the term, what is wrong with it and
/// what would be accepted instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("filter term \"{term}\": {problem}; {allowed}")]
pub struct FilterError {
    /// The term as typed.
    pub term: String,
    /// What is wrong with it.
    pub problem: String,
    /// What is allowed there.
    pub allowed: String,
}

/// The terms a filter accepts, for error messages and help.
pub const TERMS: &str =
    "kind:KIND, role:ROLE, status:REC=STATUS, tracked, text:WORD or a bare word";

impl Filter {
    /// Parses `text` against the dataset's recommendations (a status term
    /// must name one of them). Empty text is the filter that lets all in.
    pub fn parse(text: &str, recommendations: &[Recommendation]) -> Result<Filter, FilterError> {
        let mut filter = Filter {
            source: text.trim().to_string(),
            ..Filter::default()
        };
        for term in words(text).map_err(|problem| FilterError {
            term: text.trim().to_string(),
            problem,
            allowed: format!("terms are {TERMS}"),
        })? {
            filter.add(&term, recommendations)?;
        }
        Ok(filter)
    }

    fn add(&mut self, term: &str, recommendations: &[Recommendation]) -> Result<(), FilterError> {
        let error = |problem: String, allowed: String| FilterError {
            term: term.to_string(),
            problem,
            allowed,
        };
        let (key, value) = match term.split_once(':') {
            Some((key, value)) => (key.to_lowercase(), value),
            None if term.eq_ignore_ascii_case("tracked") => {
                self.tracked = true;
                return Ok(());
            }
            None => ("text".to_string(), term),
        };
        if value.is_empty() && key != "text" {
            return Err(error(
                "nothing after the colon".into(),
                allowed_values(&key).unwrap_or_else(|| format!("terms are {TERMS}")),
            ));
        }
        match key.as_str() {
            "kind" => {
                let kind = kind_named(value).ok_or_else(|| {
                    error(
                        "no such kind".into(),
                        allowed_values("kind").unwrap_or_default(),
                    )
                })?;
                push_new(&mut self.kinds, kind);
            }
            "role" => {
                let role = role_named(value).ok_or_else(|| {
                    error(
                        "no such role".into(),
                        allowed_values("role").unwrap_or_default(),
                    )
                })?;
                push_new(&mut self.roles, role);
            }
            "status" => {
                let (rec, statuses) = value.split_once('=').ok_or_else(|| {
                    error(
                        "a status term names a recommendation and a status".into(),
                        "write status:REC=STATUS, e.g. status:blacklist=NoEvidence".into(),
                    )
                })?;
                let id = recommendation_named(rec, recommendations).ok_or_else(|| {
                    error(
                        format!("no recommendation \"{rec}\""),
                        format!(
                            "recommendations are 1-{} or {}",
                            recommendations.len(),
                            recommendations
                                .iter()
                                .map(|r| r.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                })?;
                let mut parsed = Vec::new();
                for name in statuses.split(',') {
                    let status = Status::parse(name).ok_or_else(|| {
                        error(
                            format!("no status \"{name}\""),
                            format!("statuses are {}", Status::valid_names()),
                        )
                    })?;
                    parsed.push(status);
                }
                match self.statuses.iter_mut().find(|(r, _)| *r == id) {
                    Some((_, either)) => {
                        for status in parsed {
                            push_new(either, status);
                        }
                    }
                    None => self.statuses.push((id, parsed)),
                }
            }
            "text" if !value.is_empty() => self.words.push(value.to_lowercase()),
            "text" => {}
            _ => {
                return Err(error(
                    format!("no filter \"{key}\""),
                    format!("terms are {TERMS}"),
                ));
            }
        }
        Ok(())
    }

    /// The text the filter was parsed from (empty: no filter).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the filter lets every actor and every recommendation through.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
            && self.roles.is_empty()
            && self.statuses.is_empty()
            && !self.tracked
            && self.words.is_empty()
    }

    /// Whether it keeps only the tracked recommendations as columns.
    pub fn tracked_only(&self) -> bool {
        self.tracked
    }

    /// Whether it narrows the actors (not only the columns).
    pub fn narrows_actors(&self) -> bool {
        !(self.kinds.is_empty()
            && self.roles.is_empty()
            && self.statuses.is_empty()
            && self.words.is_empty())
    }

    /// Whether `actor` passes, its statuses read on `recommendations`.
    pub fn admits(&self, actor: &Actor, recommendations: &[Recommendation]) -> bool {
        let kind = self.kinds.is_empty() || self.kinds.contains(&actor.kind);
        let role = self.roles.is_empty() || self.roles.contains(&actor.role);
        kind && role
            && self.statuses.iter().all(|(id, either)| {
                recommendations
                    .iter()
                    .find(|r| r.id == *id)
                    .is_some_and(|rec| {
                        grades(actor, rec) && either.contains(&actor.status_on(&rec.id))
                    })
            })
            && self.words.iter().all(|word| mentions(actor, word))
    }

    /// Whether `recommendation` is shown as a column.
    pub fn shows(&self, recommendation: &Recommendation) -> bool {
        !self.tracked || recommendation.tracked
    }
}

impl std::fmt::Display for Filter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.source)
    }
}

fn push_new<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Whether `word` (lowercased) is in the actor's name, id, an alias or its country.
fn mentions(actor: &Actor, word: &str) -> bool {
    let has = |text: &str| text.to_lowercase().contains(word);
    has(&actor.name)
        || has(&actor.id)
        || actor.aliases.iter().any(|a| has(a))
        || actor.country.as_deref().is_some_and(has)
}

/// The text split at spaces, a double-quoted stretch kept whole (its
/// quotes dropped), so `text:"tech accord"` is one term.
fn words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            c if c.is_whitespace() && !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if quoted {
        return Err("a quote is not closed".into());
    }
    if started {
        words.push(word);
    }
    Ok(words)
}

/// `text` lowercased without `-`, `_` and spaces, so spellings compare.
fn folded(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

fn kind_named(text: &str) -> Option<ActorKind> {
    let text = folded(text);
    ActorKind::ALL
        .into_iter()
        .find(|k| folded(k.name()) == text || folded(k.heading()) == text)
}

fn role_named(text: &str) -> Option<Option<Role>> {
    let text = folded(text);
    if text == "none" {
        return Some(None);
    }
    [Role::CoChair, Role::Member, Role::Observer]
        .into_iter()
        .find(|r| folded(r.label()) == text)
        .map(Some)
}

/// The id of the recommendation named by its id or its number (from 1).
fn recommendation_named(text: &str, recommendations: &[Recommendation]) -> Option<String> {
    if let Ok(number) = text.parse::<usize>() {
        return recommendations
            .get(number.checked_sub(1)?)
            .map(|r| r.id.clone());
    }
    let text = text.to_lowercase();
    recommendations
        .iter()
        .find(|r| r.id == text)
        .map(|r| r.id.clone())
}

fn allowed_values(key: &str) -> Option<String> {
    match key {
        "kind" => Some(format!(
            "kinds are {}",
            [
                "government",
                "intergovernmental",
                "industry",
                "civil-society",
                "academia"
            ]
            .join(", ")
        )),
        "role" => Some("roles are co-chair, member, observer, none".into()),
        "status" => Some("write status:REC=STATUS, e.g. status:blacklist=NoEvidence".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::{Commitment, Stakeholder};

    fn rec(id: &str, to: Stakeholder, tracked: bool) -> Recommendation {
        Recommendation {
            id: id.into(),
            title: id.into(),
            summary: String::new(),
            addressed_to: vec![to],
            tracked,
        }
    }

    fn recs() -> Vec<Recommendation> {
        vec![
            rec("blacklist", Stakeholder::Governments, true),
            rec("vendor-verification", Stakeholder::Governments, true),
            rec("tech-accord-principles", Stakeholder::Industry, false),
        ]
    }

    fn actor(id: &str, kind: ActorKind, role: Option<Role>, statuses: &[(&str, Status)]) -> Actor {
        Actor {
            id: id.into(),
            name: id.replace('-', " ").to_uppercase(),
            aliases: vec![format!("{id} alias")],
            kind,
            country: Some("Atlantis".into()),
            role,
            commitments: statuses
                .iter()
                .map(|(r, s)| {
                    let c = Commitment {
                        status: *s,
                        ..Commitment::default()
                    };
                    (r.to_string(), c)
                })
                .collect::<BTreeMap<_, _>>(),
        }
    }

    fn admitted(text: &str, actors: &[Actor]) -> Vec<String> {
        let filter = Filter::parse(text, &recs()).expect("a valid filter");
        actors
            .iter()
            .filter(|a| filter.admits(a, &recs()))
            .map(|a| a.id.clone())
            .collect()
    }

    fn actors() -> Vec<Actor> {
        use ActorKind as K;
        vec![
            actor(
                "france",
                K::Government,
                Some(Role::CoChair),
                &[("vendor-verification", Status::Initiated)],
            ),
            actor("finland", K::Government, Some(Role::Member), &[]),
            actor("eu", K::Intergovernmental, None, &[]),
            actor(
                "microsoft",
                K::Industry,
                Some(Role::Member),
                &[("tech-accord-principles", Status::Implemented)],
            ),
        ]
    }

    #[test]
    fn each_kind_of_term_narrows_the_actors() {
        let all = actors();
        assert_eq!(admitted("kind:government", &all), ["france", "finland"]);
        assert_eq!(admitted("kind:Civil-Society", &all), Vec::<String>::new());
        assert_eq!(admitted("role:member", &all), ["finland", "microsoft"]);
        assert_eq!(admitted("role:none", &all), ["eu"]);
        assert_eq!(
            admitted("status:vendor-verification=noevidence", &all),
            ["finland", "eu"],
            "an industry actor is not graded on it, so it is not 'no evidence'"
        );
        assert_eq!(admitted("status:2=Initiated", &all), ["france"]);
        assert_eq!(admitted("fin", &all), ["finland"]);
        assert_eq!(admitted("text:ATLANTIS", &all).len(), 4, "the country");
        assert_eq!(admitted("text:\"eu alias\"", &all), ["eu"]);
        assert_eq!(admitted("tracked", &all).len(), 4, "columns only");
        assert_eq!(admitted("", &all).len(), 4);
    }

    #[test]
    fn terms_combine_and_a_key_twice_takes_either() {
        let all = actors();
        assert_eq!(admitted("kind:government role:member", &all), ["finland"]);
        assert_eq!(
            admitted("kind:government kind:intergovernmental", &all),
            ["france", "finland", "eu"]
        );
        assert_eq!(
            admitted(
                "status:vendor-verification=NoEvidence,Initiated kind:government",
                &all
            ),
            ["france", "finland"]
        );
        assert_eq!(
            admitted(
                "status:vendor-verification=NoEvidence status:vendor-verification=Initiated",
                &all
            ),
            ["france", "finland", "eu"]
        );
        assert_eq!(admitted("fin land", &all), ["finland"]);
        assert_eq!(admitted("fin soft", &all), Vec::<String>::new());
    }

    #[test]
    fn tracked_keeps_only_the_tracked_columns() {
        let filter = Filter::parse("tracked", &recs()).expect("valid");
        let recs = recs();
        let shown: Vec<&str> = recs
            .iter()
            .filter(|r| filter.shows(r))
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(shown, ["blacklist", "vendor-verification"]);
        assert!(!filter.narrows_actors());
        assert!(!filter.is_empty());
        assert!(Filter::parse("  ", &recs).expect("valid").is_empty());
    }

    #[test]
    fn a_bad_term_is_named_with_what_is_allowed() {
        let error = |text: &str| {
            Filter::parse(text, &recs())
                .expect_err("refused")
                .to_string()
        };
        assert_eq!(
            error("kind:government kind:robot"),
            "filter term \"kind:robot\": no such kind; kinds are government, \
             intergovernmental, industry, civil-society, academia"
        );
        assert_eq!(
            error("colour:red"),
            format!("filter term \"colour:red\": no filter \"colour\"; terms are {TERMS}")
        );
        assert_eq!(
            error("status:nothing=NoEvidence"),
            "filter term \"status:nothing=NoEvidence\": no recommendation \"nothing\"; \
             recommendations are 1-3 or blacklist, vendor-verification, tech-accord-principles"
        );
        assert!(error("status:blacklist=Done").contains("statuses are NoEvidence, Endorsed"));
        assert!(error("status:blacklist").contains("status:REC=STATUS"));
        assert!(error("status:0=NoEvidence").contains("no recommendation \"0\""));
        assert!(error("role:").contains("roles are co-chair"));
        assert!(error("text:\"open").contains("a quote is not closed"));
    }
}
