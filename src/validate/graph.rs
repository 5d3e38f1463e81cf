//! The graph's shape: cycles, nodes unreachable from the root, unscored nodes used as
//! children, and a children-before-parents order for scoring.

use super::cx::Cx;
use crate::model::spec::S;
use crate::model::tree::{Node, NodeId};

/// Depth-first from the root and from every unscored node: reports cycles, unreachable nodes
/// and unscored nodes used as children; returns children-before-parents order.
pub(super) fn order(
    cx: &mut Cx<'_>,
    id_spans: &[&S<String>],
    scored_spans: &[Option<&S<bool>>],
    nodes: &[Node],
    root: NodeId,
) -> Vec<NodeId> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; nodes.len()];
    let mut order = Vec::new();
    let mut starts = vec![root];
    // A pillar or an unscored node may stand beside the root rather than inside it: the
    // official DTI's pillars overlap and are not parts of the index.
    starts.extend((0..nodes.len()).filter(|&i| (!nodes[i].scored || nodes[i].pillar) && i != root));
    for start in starts {
        if mark[start] != Mark::New {
            continue;
        }
        // Iterative, so that a deep spec cannot overflow the stack: (node, next child).
        let mut stack = vec![(start, 0usize)];
        mark[start] = Mark::Open;
        while let Some(top) = stack.last_mut() {
            let n = top.0;
            let kids = nodes[n].composite().map_or(&[][..], |c| &c.children[..]);
            if let Some(&(child, _)) = kids.get(top.1) {
                top.1 += 1;
                match mark[child] {
                    Mark::New => {
                        mark[child] = Mark::Open;
                        stack.push((child, 0));
                    }
                    Mark::Open => {
                        let path: Vec<&str> = stack.iter().map(|(i, _)| nodes[*i].id.as_str()).collect();
                        cx.err(
                            id_spans[n],
                            format!("cycle: {} → {}", path.join(" → "), nodes[child].id),
                            Some("a node cannot contain itself, directly or through its children".into()),
                        );
                    }
                    Mark::Done => {}
                }
            } else {
                mark[n] = Mark::Done;
                order.push(n);
                stack.pop();
            }
        }
    }
    for (i, id) in id_spans.iter().enumerate() {
        if mark[i] == Mark::New {
            cx.err(
                id,
                format!("`{}` is not reachable from the root `{}`", id.get_ref(), nodes[root].id),
                Some("list it among some node's children, or mark it `pillar = true` or `scored = false` to show it beside the index".into()),
            );
        }
        if let Some(s) = scored_spans[i].filter(|s| !*s.get_ref())
            && is_child(nodes, i)
        {
            cx.err(
                s,
                format!("`{}` is `scored = false` but is a child of another node", id.get_ref()),
                Some("an unscored node weighs in no parent; remove it from the parent's children".into()),
            );
        }
    }
    order
}

fn is_child(nodes: &[Node], target: NodeId) -> bool {
    nodes.iter().filter_map(Node::composite).any(|c| c.children.iter().any(|(k, _)| *k == target))
}
