//! Renderer snapshots on a hand-built report (filled in below).
