use super::*;

#[test]
fn bytes_write_what_the_csv_writer_writes() {
    let texts = ["Hà Nội", "", "a,b", "say \"hi\"", "\"", "line\nbreak", "cr\rhere", " padded ", "#", "'x"];
    let nums = [Some(0.1), None, Some(-0.0), Some(1e21), Some(2.0 / 3.0)];
    let mut ours = Vec::new();
    let mut sink = Bytes { out: &mut ours, buf: Vec::new(), first: true };
    let mut theirs = ::csv::Writer::from_writer(Vec::new());
    for t in texts {
        for (i, &x) in nums.iter().enumerate() {
            sink.text(t);
            sink.num(x);
            sink.int(x.map(|_| -(i as i64) * 1000));
            sink.end().unwrap();
            let int = x.map_or_else(String::new, |_| (-(i as i64) * 1000).to_string());
            theirs.write_record([t.to_string(), x.map_or_else(String::new, |v| v.to_string()), int]).unwrap();
        }
    }
    sink.out.write_all(&sink.buf).unwrap();
    assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(theirs.into_inner().unwrap()).unwrap());
}
