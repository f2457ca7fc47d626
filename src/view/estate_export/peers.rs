//! Learning from peers: every weak item of each establishment with the peers strong on it, as
//! the comparison found them (the document shows the first few).

use crate::estate::compare::Comparison;

use super::scores::level_cells;
use super::tables::{Value, establishment_cells, opt, text, whole};

/// One row per weak item and peer: the item (ids and titles), the establishment's own rating
/// (claimed and as the evidence supports it, empty when unanswered), then the peer in the order
/// suggested, its details and rating as the evidence supports it, and what its public evidence
/// says.
pub fn peers<'a>(c: &'a Comparison<'a>, order: &[usize]) -> Vec<Vec<Value<'a>>> {
    let mut rows = Vec::new();
    // By establishment, then framework, each establishment's weakest items first.
    let each = order.iter().flat_map(|&i| {
        c.frameworks.iter().flat_map(move |f| {
            f.peers
                .iter()
                .filter(move |l| std::ptr::eq(l.entry, c.current[i]))
                .map(move |l| (f.framework, l))
        })
    });
    for (fw, l) in each {
        for (n, p) in l.peers.iter().enumerate() {
            let pe = &p.entry.assessment.establishment;
            let mut row = establishment_cells(l.entry);
            row.extend([
                text(&fw.id),
                text(&fw.title),
                text(&l.section.id),
                text(&l.section.title),
                text(&l.item.id),
                text(&l.item.text),
            ]);
            row.extend(level_cells(l.own.as_ref().map(|r| &r.claimed)));
            row.extend(level_cells(l.own.as_ref().map(|r| &r.evidenced)));
            row.extend([
                whole(n + 1),
                text(&pe.id),
                text(&pe.name),
                text(pe.nation.id()),
                opt(pe.region.as_deref()),
                opt(pe.comparator_group.as_deref()),
                Value::Flag(p.same_group),
            ]);
            row.extend(level_cells(Some(&p.rating.evidenced)));
            row.push(opt(p.says));
            rows.push(row);
        }
    }
    rows
}
