//! `only()` / `defer()`: Django's `deferred_loading` and its select mask
//! (`Query.add_deferred_loading`, `add_immediate_loading`, `get_select_mask`,
//! `_get_defer_select_mask`, `_get_only_select_mask`, and the check of
//! `select_related_descend`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::model::{Field, FieldKind, Model, Registry};

use super::QuerySet;

/// The fields a query loads, per model: field name (a reverse one-to-one by
/// its accessor) → the mask of the related model. An empty mask loads every
/// field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mask(pub Vec<(Rc<str>, Mask)>);

impl Mask {
    /// The entry for `name`.
    pub fn get(&self, name: &str) -> Option<&Mask> {
        self.0.iter().find(|(k, _)| &**k == name).map(|(_, m)| m)
    }

    fn entry(&mut self, name: &Rc<str>) -> &mut Mask {
        let i = match self.0.iter().position(|(k, _)| k == name) {
            Some(i) => i,
            None => {
                self.0.push((name.clone(), Mask::default()));
                self.0.len() - 1
            }
        };
        &mut self.0[i].1
    }

    /// Does the mask load `f` (a concrete field of its model)?
    pub fn loads(&self, f: &Field) -> bool {
        self.0.is_empty() || self.get(&f.name).is_some()
    }

    /// The mask of the model at `path` (`selectRelated` names) below this one.
    pub fn at(&self, path: &[Rc<str>]) -> Option<&Mask> {
        path.iter().try_fold(self, |m, p| m.get(p))
    }
}

impl Mask {
    /// The names given to only()/defer(), split on `__` into a tree.
    fn of(names: &[Rc<str>]) -> Mask {
        let mut t = Mask::default();
        for n in names {
            crate::text::split(n, "__").fold(&mut t, |at, part| at.entry(&part.into()));
        }
        t
    }

    fn take(&mut self, name: &str) -> Option<Mask> {
        let i = self.0.iter().position(|(k, _)| &**k == name)?;
        Some(self.0.remove(i).1)
    }

    /// Django raises `FieldError(next(iter(field_mask)))` for a name below a plain field.
    fn below_plain(&self) -> Error {
        Error::field(self.0.first().map(|(k, _)| &**k).unwrap_or_default())
    }
}

fn no_field(model: &Model, name: &str) -> Error {
    Error::field(format!("{} has no field named '{name}'", model.name))
}

/// A field or reverse relation by name, as Django's `Options.get_field` (no `pk`):
/// its mask key and the related model to descend into, if any.
fn get_field(reg: &Registry, model: &Model, name: &str) -> Result<(Rc<str>, Option<Rc<Model>>)> {
    if let Some(f) = model.fields.iter().find(|f| &*f.name == name || &*f.attname == name) {
        let target = if f.rel.is_some() { Some(reg.target(f)?) } else { None };
        return Ok((f.name.clone(), target));
    }
    match reg.reverse_named(model, name, true) {
        Some(r) => Ok((r.accessor.clone(), Some(r.model.clone()))),
        None => Err(no_field(model, name)),
    }
}

fn defer_mask(reg: &Registry, model: &Model, mut tree: Mask, out: &mut Mask) -> Result<()> {
    out.entry(&model.pk_field().name);
    for f in model.concrete_fields() {
        let by_name = tree.take(&f.name);
        let by_att = if f.attname != f.name { tree.take(&f.attname) } else { None };
        match (by_name, by_att) {
            (None, None) => {
                out.entry(&f.name);
            }
            (Some(sub), _) if !sub.0.is_empty() => {
                if f.rel.is_none() {
                    return Err(sub.below_plain());
                }
                let target = reg.target(f)?;
                defer_mask(reg, &target, sub, out.entry(&f.name))?;
            }
            _ => {}
        }
    }
    // Reverse relations: a reverse one-to-one can be followed by select_related.
    for r in reg.reverse_relations(model) {
        if r.hidden {
            continue;
        }
        match tree.take(&r.query_name) {
            None => {
                out.entry(&r.accessor);
            }
            Some(sub) if !sub.0.is_empty() && r.model.field_at(r.field).kind == FieldKind::OneToOne => {
                defer_mask(reg, &r.model, sub, out.entry(&r.accessor))?;
            }
            Some(_) => {}
        }
    }
    // What is left must still name a field (many-to-many: ignored, as in Django).
    for (name, _) in &tree.0 {
        get_field(reg, model, name)?;
    }
    Ok(())
}

fn only_mask(reg: &Registry, model: &Model, tree: Mask, out: &mut Mask) -> Result<()> {
    out.entry(&model.pk_field().name);
    for (name, sub) in tree.0 {
        let (key, target) = get_field(reg, model, &name)?;
        let entry = out.entry(&key);
        if !sub.0.is_empty() {
            let Some(target) = target else { return Err(sub.below_plain()) };
            only_mask(reg, &target, sub, entry)?;
        }
    }
    Ok(())
}

/// The select mask of a model query (empty: every field), checked against its
/// `selectRelated` paths as Django's `select_related_descend` does.
pub fn select_mask(qs: &QuerySet) -> Result<Mask> {
    let names = &qs.node.deferred;
    let mut mask = Mask::default();
    if names.is_empty() {
        return Ok(mask);
    }
    let tree = Mask::of(names);
    if qs.node.only {
        only_mask(&qs.reg, &qs.model, tree, &mut mask)?;
    } else {
        defer_mask(&qs.reg, &qs.model, tree, &mut mask)?;
    }
    for r in qs.node.related.iter() {
        let Some((last, parent_path)) = r.path.split_last() else { continue };
        let Some(parent) = mask.at(parent_path) else { continue };
        if !parent.0.is_empty() && parent.get(last).is_none() {
            let parent_model = match parent_path.is_empty() {
                true => qs.model.name.clone(),
                false => qs.node.related.iter().find(|x| x.path == parent_path).map_or_else(|| qs.model.name.clone(), |x| x.model.clone()),
            };
            return Err(Error::field(format!(
                "Field {parent_model}.{last} cannot be both deferred and traversed using select_related at the same time."
            )));
        }
    }
    Ok(mask)
}

impl QuerySet {
    fn deferral_allowed(&self, method: &str) -> Result<()> {
        self.not_combined(method)?;
        if !matches!(self.node.select, super::Select::Model) {
            return Err(Error::usage(format!("Cannot call {method}() after .values() or .values_list()")));
        }
        Ok(())
    }

    fn with_deferred(&self, names: Vec<Rc<str>>, only: bool) -> Result<QuerySet> {
        let qs = self.with(|n| {
            n.deferred = Rc::new(names);
            n.only = only;
        });
        select_mask(&qs)?;
        Ok(qs)
    }

    /// `defer(...fields)`; `None` is `defer(null)`, which clears every deferral.
    pub fn defer(&self, fields: Option<&[String]>) -> Result<QuerySet> {
        self.deferral_allowed("defer")?;
        let Some(fields) = fields else { return self.with_deferred(Vec::new(), false) };
        let existing = &self.node.deferred;
        let given = |n: &Rc<str>| fields.iter().any(|f| **f == **n);
        if !self.node.only {
            // Add to the deferred names.
            let mut names = (**existing).clone();
            union(&mut names, fields);
            return self.with_deferred(names, false);
        }
        // Remove the names from the immediate-loading set.
        let mut left: Vec<Rc<str>> = Vec::new();
        for n in existing.iter() {
            if given(n) {
                continue;
            }
            left.push(n.clone());
        }
        if !left.is_empty() {
            return self.with_deferred(left, true);
        }
        let mut rest = Vec::new();
        union(&mut rest, fields);
        without(&mut rest, existing);
        self.with_deferred(rest, false)
    }

    /// `only(...fields)`; `None` is `only(null)`, a TypeError as in Django.
    pub fn only(&self, fields: Option<&[String]>) -> Result<QuerySet> {
        self.deferral_allowed("only")?;
        let Some(fields) = fields else { return Err(Error::usage("Cannot pass None as an argument to only().")) };
        let pk = self.model.pk_field().name.clone();
        let mut names = Vec::new();
        union(&mut names, fields);
        for n in names.iter_mut() {
            if &**n == "pk" {
                *n = pk.clone();
            }
        }
        if !self.node.only {
            // Immediate loading respects the existing deferrals.
            without(&mut names, &self.node.deferred);
        }
        self.with_deferred(names, true)
    }
}

/// `names` without those in `drop`.
fn without(names: &mut Vec<Rc<str>>, drop: &[Rc<str>]) {
    names.retain(|n| !drop.contains(n));
}

/// Add `fields` to `names`, as a set.
fn union(names: &mut Vec<Rc<str>>, fields: &[String]) {
    for f in fields {
        if !names.iter().any(|n| **n == **f) {
            names.push(f.as_str().into());
        }
    }
}
