//! Plans: a statement compiled once for a *shape* (a QuerySet with its
//! values left out), re-bound with the values of later QuerySets of the same
//! shape without resolving or compiling again.
//!
//! The caller keys plans by a shape key that captures everything but the
//! values: the chain of methods, field names, lookups, the structure of
//! expressions (and of the QuerySets inside `Subquery`/`Exists`/combinators),
//! the terminal, and the [`Input::fact`] of every slot. [`Plan::bind`]
//! compares the facts again, replays the conversions the resolver ran (so a
//! bad value raises the full path's error), re-derives every parameter from
//! its slot and checks the guards where a value, not only its fact, decides
//! the SQL: a LIKE pattern crossing the host's limit, the number of distinct
//! values of an `in` list, `in` lists bound as JSON, a slice becoming empty
//! or gaining/losing its OFFSET/LIMIT. When any differs, [`Bound::Mismatch`]:
//! compile the QuerySet in full.
//!
//! A plan with any [`Src::Unknown`] parameter is not cacheable: values the
//! library adds itself (an instance's pk filter, prefetch keys) and, in this
//! version, every value of a QuerySet inside `Subquery`/`Exists` or of a
//! combinator's operand.

use std::any::Any;
use std::rc::Rc;

use crate::compiler::{self, Built, Compiled, Shape};
use crate::error::Result;
use crate::model::Registry;
use crate::query::plist::PList;
use crate::query::slots::{Check, Slot, Src};
use crate::query::{compose_slice, slice_arg, QuerySet, SliceArg, SliceOp};
use crate::value::{Input, Value};

/// A compiled statement with what re-binding it needs.
#[derive(Clone)]
pub struct Plan {
    /// The statement as compiled for the QuerySet the plan was made from.
    pub compiled: Compiled,
    /// Where each parameter comes from (one per placeholder).
    pub srcs: Vec<Src>,
    /// The fact of every slot's value ([`Input::fact`]), also of slots
    /// consumed without a parameter (`isnull`, `exact: null`, ...).
    pub facts: Vec<String>,
    /// Every parameter is derivable: [`Plan::bind`] can answer `Params`.
    pub cacheable: bool,
    /// The QuerySet matches nothing (`none()`, `in: []`, an empty slice):
    /// a terminal runs no statement.
    pub empty: bool,
    /// Conversions to replay for their errors, in the order the full path ran them.
    checks: Vec<Check>,
    /// `IN` lists were bound as JSON, and the parameter count without that.
    json: bool,
    plain_count: usize,
    /// The slices to replay for LIMIT/OFFSET, and what they gave:
    /// (OFFSET present, LIMIT given by an end, empty).
    slices: PList<SliceOp>,
    slice_form: (bool, bool, bool),
    /// Anything the caller keeps with the plan (the row plan for hydration:
    /// `plan_convs`/`deferred_attnames` are per shape too).
    pub payload: Option<Rc<dyn Any>>,
}

impl std::fmt::Debug for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plan")
            .field("compiled", &self.compiled)
            .field("srcs", &self.srcs)
            .field("facts", &self.facts)
            .field("cacheable", &self.cacheable)
            .finish_non_exhaustive()
    }
}

/// The answer of [`Plan::bind`].
#[derive(Clone, Debug, PartialEq)]
pub enum Bound {
    /// The parameters for the plan's SQL, in placeholder order.
    Params(Vec<Value>),
    /// These values need other SQL (or the plan is not cacheable): compile in full.
    Mismatch,
}

fn slice_form(low: u64, high: Option<u64>) -> (bool, bool, bool) {
    (low > 0, high.is_some(), matches!(high, Some(h) if h <= low))
}

fn plan_of(qs: &QuerySet, built: Built, inputs: &[Input], checks: Vec<Check>) -> Plan {
    let cacheable = !built.srcs.iter().any(|s| matches!(s, Src::Unknown));
    let mut facts = Vec::with_capacity(inputs.len());
    for i in inputs {
        facts.push(i.fact());
    }
    Plan {
        compiled: built.compiled,
        srcs: built.srcs,
        facts,
        cacheable,
        empty: qs.is_empty(),
        checks,
        json: built.json,
        plain_count: built.plain_count,
        slices: qs.node.slices.clone(),
        slice_form: slice_form(qs.node.low, qs.node.high),
        payload: None,
    }
}

/// The plan of `compile(qs, shape)` (rows, count, exists, or pks; for
/// `get()` pass `ops::get_query(qs)`).
pub fn compile_plan(qs: &QuerySet, shape: Shape) -> Result<Plan> {
    let built = compiler::compile_built(qs, shape, false)?;
    Ok(plan_of(qs, built, &qs.inputs(), qs.node.checks.to_vec()))
}

/// The plan of `qs.update(values)`: the update's values take the slots after
/// the QuerySet's, in the order given; bind with `qs.inputs()` followed by them.
pub fn compile_update_plan(qs: &QuerySet, values: &[(String, Input)]) -> Result<Plan> {
    let base = qs.node.inputs.len() as Slot;
    let (sets, more) = crate::exec::ops::assignments_at(&qs.reg, &qs.model, values, Some(base))?;
    let built = compiler::compile_update_built(qs, &sets)?;
    let mut inputs = qs.inputs();
    for (_, v) in values {
        crate::query::slots::walk_pair(v, &mut |x| inputs.push(x.clone()));
    }
    let mut checks = qs.node.checks.to_vec();
    checks.extend(more);
    Ok(plan_of(qs, built, &inputs, checks))
}

/// The plan of `compile_delete(qs)` (the one-statement delete of a model
/// nothing refers to).
pub fn compile_delete_plan(qs: &QuerySet) -> Result<Plan> {
    let built = compiler::compile_delete_built(qs)?;
    Ok(plan_of(qs, built, &qs.inputs(), qs.node.checks.to_vec()))
}

impl Plan {
    /// Keep `payload` with the plan (e.g. the row plan for hydration).
    pub fn with_payload(mut self, payload: Rc<dyn Any>) -> Plan {
        self.payload = Some(payload);
        self
    }

    /// The parameters for `inputs` (the values of a QuerySet of this plan's
    /// shape, by slot), or [`Bound::Mismatch`] when they need other SQL; the
    /// error the full path raises when a value cannot be converted.
    pub fn bind(&self, reg: &Registry, inputs: &[Input]) -> Result<Bound> {
        if !self.cacheable || inputs.len() != self.facts.len() {
            return Ok(Bound::Mismatch);
        }
        let mut fact = String::new();
        for (v, f) in inputs.iter().zip(&self.facts) {
            fact.clear();
            v.write_fact(&mut fact);
            if fact != *f {
                return Ok(Bound::Mismatch);
            }
        }
        // Errors first, in the order the full path meets them: conversions
        // and the slices' negative-index check, by slot.
        let mut slot_ops: Vec<(Slot, SliceOp)> = Vec::new();
        for op in self.slices.iter() {
            if let (SliceArg::Slot(s), _) | (_, SliceArg::Slot(s)) = (op.start, op.end) {
                slot_ops.push((s, *op));
            }
        }
        let mut pending = slot_ops.iter().peekable();
        let mut slice_check = |upto: Slot| -> Result<bool> {
            while let Some((s, op)) = pending.next_if(|(s, _)| *s < upto) {
                let _ = s;
                let arg = |a: SliceArg| match a {
                    SliceArg::Const(v) => Some(v),
                    SliceArg::Slot(s) => inputs.get(s as usize).and_then(slice_arg),
                };
                let (Some(start), Some(end)) = (arg(op.start), arg(op.end)) else { return Ok(false) };
                compose_slice(0, None, start, end)?;
            }
            Ok(true)
        };
        for (slot, how) in &self.checks {
            if !slice_check(*slot)? {
                return Ok(Bound::Mismatch);
            }
            let Some(v) = inputs.get(*slot as usize) else { return Ok(Bound::Mismatch) };
            how.check(reg, v)?;
        }
        if !slice_check(Slot::MAX)? {
            return Ok(Bound::Mismatch);
        }
        let (low, high) = match crate::query::replay_slices(&self.slices, inputs)? {
            Some(lh) => lh,
            None => return Ok(Bound::Mismatch),
        };
        if slice_form(low, high) != self.slice_form {
            return Ok(Bound::Mismatch);
        }
        // The in-lists derived so far, by slot (slots index `inputs`).
        let mut lists: Vec<Option<Rc<Vec<Value>>>> = vec![None; inputs.len()];
        let mut plain_count = self.plain_count as i64;
        let mut params = Vec::with_capacity(self.srcs.len());
        for (src, old) in self.srcs.iter().zip(&self.compiled.params) {
            let v = match src {
                Src::Const => old.clone(),
                Src::Slot { slot, how } => {
                    let Some(input) = inputs.get(*slot as usize) else { return Ok(Bound::Mismatch) };
                    match how.value(reg, input)? {
                        Some(v) => v,
                        None => return Ok(Bound::Mismatch),
                    }
                }
                Src::InElem { slot, how, idx, n } => {
                    let Some(list) = list_of(&mut lists, reg, inputs, *slot, how)? else { return Ok(Bound::Mismatch) };
                    if list.len() != *n as usize {
                        return Ok(Bound::Mismatch);
                    }
                    match list.get(*idx as usize) {
                        Some(v) => v.clone(),
                        None => return Ok(Bound::Mismatch),
                    }
                }
                Src::InJson { slot, how, n } => {
                    let Some(list) = list_of(&mut lists, reg, inputs, *slot, how)? else { return Ok(Bound::Mismatch) };
                    if list.len() <= 1 {
                        return Ok(Bound::Mismatch);
                    }
                    plain_count += list.len() as i64 - *n as i64;
                    Value::Text(compiler::json_list(&list)?)
                }
                Src::Limit => match high {
                    Some(h) => Value::Int(h.saturating_sub(low) as i64),
                    None => return Ok(Bound::Mismatch),
                },
                Src::Offset => Value::Int(low as i64),
                Src::Unknown => return Ok(Bound::Mismatch),
            };
            // A value the host gets as text cast back needs other SQL.
            let (v, cast) = compiler::host_form(reg.config.dialect, v);
            if cast.is_some() {
                return Ok(Bound::Mismatch);
            }
            params.push(v);
        }
        // JSON lists only when the plain form would pass the limit (as compiling does).
        if self.json && plain_count <= reg.config.max_params as i64 {
            return Ok(Bound::Mismatch);
        }
        Ok(Bound::Params(params))
    }
}

/// The derived values of the `in` list in `slot` (derived once per bind).
fn list_of(
    lists: &mut [Option<Rc<Vec<Value>>>],
    reg: &Registry,
    inputs: &[Input],
    slot: Slot,
    how: &crate::query::slots::How,
) -> Result<Option<Rc<Vec<Value>>>> {
    let (Some(input), Some(cached)) = (inputs.get(slot as usize), lists.get_mut(slot as usize)) else { return Ok(None) };
    if let Some(l) = cached {
        return Ok(Some(l.clone()));
    }
    let Some(list) = how.list(reg, input)? else { return Ok(None) };
    let list = Rc::new(list);
    *cached = Some(list.clone());
    Ok(Some(list))
}
