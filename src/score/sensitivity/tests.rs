use super::*;

#[test]
fn generators_depend_only_on_seed_and_index() {
    let a: Vec<u64> = (0..3).map(|i| Rng::for_run(7, i).next_u64()).collect();
    let b: Vec<u64> = (0..3).map(|i| Rng::for_run(7, i).next_u64()).collect();
    assert_eq!(a, b);
    assert_ne!(a[0], a[1]);
    let mut r = Rng::for_run(1, 1);
    assert!((0..1000).map(|_| r.uniform()).all(|u| (0.0..1.0).contains(&u)));
}
