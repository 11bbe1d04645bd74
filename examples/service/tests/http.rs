//! The service over real HTTP: each test starts it in-process on a loopback port
//! (127.0.0.1:0) and calls it with a plain HTTP/1.1 client over `std::net::TcpStream`.

use care_outcomes::catalogue::Catalogue;
use care_outcomes::framework::{EvaluateOptions, InputRow, evaluate};
use care_outcomes_service::Config;
use serde_json::{Value, json};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;

/// Starts the service on 127.0.0.1:0 in a thread of its own; returns its address.
fn start(config: Config) -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let addr = listener.local_addr().expect("local address");
    listener.set_nonblocking(true).expect("non-blocking");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            care_outcomes_service::serve(listener, config)
                .await
                .expect("serve");
        });
    });
    addr
}

/// An answer: status, headers (names lower-cased) and body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        assert_eq!(
            self.header("content-type"),
            Some("application/json"),
            "status {}",
            self.status
        );
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "status {}: body is not JSON ({e}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// One HTTP/1.1 exchange on a fresh connection (`Connection: close`).
fn call(
    addr: SocketAddr,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Answer {
    let content_type =
        content_type.map_or_else(String::new, |ct| format!("Content-Type: {ct}\r\n"));
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n{content_type}\r\n",
        body.len()
    );
    exchange(addr, &head, body)
}

/// Writes a request head and body on a fresh connection and reads the whole answer.
fn exchange(addr: SocketAddr, head: &str, body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.write_all(head.as_bytes()).expect("write head");
    // The server may answer (413) and close before reading a large body: a failed write is
    // fine as long as the answer arrives.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let mut buf = [0u8; 16384];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            // A reset after a complete answer (the server closed with our body unread).
            Err(e) if e.kind() == ErrorKind::ConnectionReset && !raw.is_empty() => break,
            Err(e) => panic!("read: {e}"),
        }
    }
    parse(&raw)
}

fn parse(raw: &[u8]) -> Answer {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of the head");
    let head = std::str::from_utf8(&raw[..end]).expect("UTF-8 head");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let mut parts = status_line.splitn(3, ' ');
    assert_eq!(parts.next(), Some("HTTP/1.1"), "{status_line}");
    let status: u16 = parts
        .next()
        .expect("status")
        .parse()
        .expect("numeric status");
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (n, v) = l.split_once(':').expect("header line");
            (n.trim().to_ascii_lowercase(), v.trim().to_owned())
        })
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if chunked {
        dechunk(rest)
    } else {
        let len: usize = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .map_or(rest.len(), |(_, v)| v.parse().expect("content-length"));
        assert!(rest.len() >= len, "short body: {} of {len}", rest.len());
        rest[..len].to_vec()
    };
    Answer {
        status,
        headers,
        body,
    }
}

fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let eol = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size line");
        let size_text = std::str::from_utf8(&rest[..eol]).expect("chunk size");
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .expect("hex chunk size");
        rest = &rest[eol + 2..];
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
}

fn post_json(addr: SocketAddr, body: &Value) -> Answer {
    call(
        addr,
        "POST",
        "/evaluate",
        Some("application/json"),
        body.to_string().as_bytes(),
    )
}

fn repo_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// One row of the bundled official extract.
struct Official {
    measure: String,
    area: String,
    value: String,
    row: InputRow,
}

/// The official ASCOF 2020-21 rows (examples/data/ascof-2020-21-sample.csv), resolved to
/// definition ids through the core's catalogue. The first six columns are unquoted and free of
/// commas (checked: each line must give numeric counts).
fn official_rows() -> Vec<Official> {
    let text = std::fs::read_to_string(repo_path("examples/data/ascof-2020-21-sample.csv"))
        .expect("the bundled sample");
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("measure,year,area,numerator,denominator,value,"))
    );
    let cat = Catalogue::builtin();
    lines
        .map(|line| {
            let f: Vec<&str> = line.splitn(7, ',').collect();
            let (def, breakdown) = cat
                .resolve_open_data_code("legacy", f[0])
                .unwrap_or_else(|| panic!("{} is a legacy open-data code", f[0]));
            let area = f[2].split(" (").next().unwrap_or(f[2]).to_owned();
            Official {
                measure: f[0].to_owned(),
                area: area.clone(),
                value: f[5].to_owned(),
                row: InputRow {
                    area,
                    period: f[1].to_owned(),
                    indicator: def.id.clone(),
                    breakdown: breakdown.map(|b| b.suffix.clone()),
                    numerator: f[3].parse().expect("numerator"),
                    denominator: Some(f[4].parse().expect("denominator")),
                    population: None,
                },
            }
        })
        .collect()
}

/// A published value of the JSON answer ({units, dp}) as text ("81.4").
fn published(result: &Value) -> String {
    let p = &result["result"]["published"];
    let units = p["units"].as_i64().expect("units");
    let dp = p["dp"].as_u64().expect("dp") as u32;
    let scale = 10i64.pow(dp);
    let sign = if units < 0 { "-" } else { "" };
    if dp == 0 {
        format!("{units}")
    } else {
        format!(
            "{sign}{}.{:0width$}",
            units.abs() / scale,
            units.abs() % scale,
            width = dp as usize
        )
    }
}

fn error_of(a: &Answer, status: u16, code: &str) -> Value {
    let body = a.json();
    assert_eq!(a.status, status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    body
}

#[test]
fn health_answers_ok() {
    let addr = start(Config::default());
    let a = call(addr, "GET", "/health", None, b"");
    assert_eq!(a.status, 200);
    let body = a.json();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn official_2020_21_rows_give_the_published_values() {
    let addr = start(Config::default());
    let official = official_rows();
    assert_eq!(official.len(), 44);
    let rows: Vec<&InputRow> = official.iter().map(|o| &o.row).collect();
    let options = json!({"comparators": ["Leeds", "Coventry"]});
    let a = post_json(
        addr,
        &json!({"rows": rows, "options": options, "framework": "ascof/legacy"}),
    );
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    let body = a.json();
    let results = body["rows"].as_array().expect("rows");
    assert_eq!(results.len(), 44);
    // Every published value equals the official one (NHS Digital, ASCOF 2020-21 open data).
    for (o, r) in official.iter().zip(results) {
        assert_eq!(r["area"], o.area.as_str());
        assert_eq!(published(r), o.value, "{} {}", o.measure, o.area);
    }
    let find = |measure: &str, area: &str| {
        let i = official
            .iter()
            .position(|o| o.measure == measure && o.area == area)
            .unwrap_or_else(|| panic!("{measure} {area} in the sample"));
        &results[i]
    };
    // Spelled out: the figures a reader checks against the publication.
    assert_eq!(published(find("2B16574", "England")), "81.4");
    assert_eq!(published(find("2B1", "England")), "79.1");
    assert_eq!(published(find("2B1", "Leeds")), "81.4");
    assert_eq!(published(find("2A2", "Leeds")), "458.1");
    assert_eq!(published(find("2D", "Leeds")), "71.9");
    assert_eq!(published(find("2A1", "England")), "13.3");
    let leeds_2b1 = find("2B1", "Leeds");
    assert_eq!(leeds_2b1["code"], "2B(1)");
    assert_eq!(leeds_2b1["benchmark"]["against"], "England");
    assert_eq!(leeds_2b1["result"]["numerator"], 105);
    assert_eq!(leeds_2b1["result"]["denominator"], 129);
    let lo = leeds_2b1["result"]["lower"].as_f64().expect("lower");
    let hi = leeds_2b1["result"]["upper"].as_f64().expect("upper");
    assert!(lo < 105.0 / 129.0 * 100.0 && 105.0 / 129.0 * 100.0 < hi);
    assert_eq!(find("2B185OV", "Leeds")["breakdown"], "85OV");
    // The answer is the core's evaluation, serialised: nothing added, nothing changed.
    let core = evaluate(
        &official.iter().map(|o| o.row.clone()).collect::<Vec<_>>(),
        Catalogue::builtin().framework("ascof", "legacy").unwrap(),
        &EvaluateOptions {
            comparators: vec!["Leeds".into(), "Coventry".into()],
            ..EvaluateOptions::default()
        },
    )
    .unwrap();
    assert_eq!(body, serde_json::to_value(&core).unwrap());
}

#[test]
fn defaults_evaluate_against_the_whole_catalogue() {
    let addr = start(Config::default());
    let a = post_json(
        addr,
        &json!({"rows": [
            {"area": "England", "period": "2020-21", "indicator": "ascof-legacy/2B1",
             "numerator": 34152, "denominator": 43193},
            {"area": "Birmingham", "period": "2020-21", "indicator": "ascof-legacy/2B1",
             "numerator": 291, "denominator": 596}]}),
    );
    assert_eq!(a.status, 200);
    let body = a.json();
    assert_eq!(published(&body["rows"][1]), "48.8");
    assert_eq!(body["rows"][1]["benchmark"]["comparison"], "worse");
    assert_eq!(body["options"]["confidence"], 0.95);
    assert_eq!(body["options"]["benchmark"], "England");
}

#[test]
fn a_framework_document_is_resolved_and_used() {
    let addr = start(Config::default());
    let text = std::fs::read_to_string(repo_path("examples/frameworks/council-local.json"))
        .expect("the example framework");
    let doc: Value = serde_json::from_str(&text).unwrap();
    let a = post_json(
        addr,
        &json!({"framework": doc, "options": {"benchmark": null}, "rows": [
            {"area": "Leeds", "period": "2020-21", "indicator": "ascof-legacy/2B1",
             "numerator": 105, "denominator": 129}]}),
    );
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    let body = a.json();
    assert_eq!(published(&body["rows"][0]), "81.4");
    assert_eq!(body["rows"][0]["code"], "2B(1)");
    // `domain` is the definition's own (legacy ASCOF "2"), not the document's "independence":
    // the core's `evaluate` takes it from the definition, not from the framework evaluated
    // against (reported to the lead; not asserted here either way).
    assert!(body["rows"][0]["benchmark"].is_null());
    // A count measure of the document has no denominator: `null` in the result, not 0.
    let a = post_json(
        addr,
        &json!({"framework": doc, "options": {"benchmark": null}, "rows": [
            {"area": "Leeds", "period": "2023-24", "indicator": "council-local/extra-care-units",
             "numerator": 64}]}),
    );
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    let result = &a.json()["rows"][0]["result"];
    assert_eq!(result["numerator"], 64);
    assert!(result["denominator"].is_null(), "{result}");
    assert_eq!(published(&a.json()["rows"][0]), "64");
    // A definition outside the document is unknown to it, even though the catalogue has it.
    let a = post_json(
        addr,
        &json!({"framework": doc, "rows": [
            {"area": "Leeds", "period": "2020-21", "indicator": "ascof-legacy/2D",
             "numerator": 1060, "denominator": 1475}]}),
    );
    let body = error_of(&a, 422, "unknown_indicator");
    assert_eq!(body["row"], 0);
}

#[test]
fn an_invalid_framework_document_gives_its_code_and_group() {
    let addr = start(Config::default());
    let a = post_json(
        addr,
        &json!({"framework": {
            "framework": "x", "version": "1", "title": "X",
            "domains": [{"id": "d", "title": "D"}],
            "indicators": [{"ref": "ascof-legacy/2B1", "domain": "d"},
                           {"ref": "ascof-legacy/9Z", "domain": "d"}]},
            "rows": []}),
    );
    let body = error_of(&a, 422, "unknown_indicator");
    assert_eq!(body["group"], "indicators[1]");
    assert!(body.get("row").is_none(), "{body}");
}

#[test]
fn an_unknown_framework_key_lists_the_built_in_ones() {
    let addr = start(Config::default());
    let a = post_json(addr, &json!({"framework": "ascof/1999", "rows": []}));
    let body = error_of(&a, 422, "unknown_indicator");
    assert!(
        body["message"].as_str().unwrap().contains("ascof/legacy"),
        "{body}"
    );
}

#[test]
fn an_unknown_indicator_is_422_with_its_code_and_row() {
    let addr = start(Config::default());
    let a = post_json(
        addr,
        &json!({"rows": [
            {"area": "Leeds", "period": "2020-21", "indicator": "ascof-legacy/2B1",
             "numerator": 105, "denominator": 129},
            {"area": "Leeds", "period": "2020-21", "indicator": "ascof-legacy/9Z",
             "numerator": 1, "denominator": 2}]}),
    );
    let body = error_of(&a, 422, "unknown_indicator");
    assert_eq!(body["row"], 1);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("ascof-legacy/9Z")
    );
}

#[test]
fn impossible_counts_give_the_core_code_and_row() {
    let addr = start(Config::default());
    let a = post_json(
        addr,
        &json!({"rows": [
            {"area": "Leeds", "period": "2020-21", "indicator": "ascof-legacy/2B1",
             "numerator": 130, "denominator": 129}]}),
    );
    assert_eq!(error_of(&a, 422, "numerator_exceeds_denominator")["row"], 0);
    let a = post_json(
        addr,
        &json!({"rows": [
            {"area": "Leeds", "period": "2020-21", "indicator": "ascof-legacy/2B1",
             "numerator": 105}]}),
    );
    assert_eq!(error_of(&a, 422, "missing_denominator")["row"], 0);
    let a = post_json(addr, &json!({"options": {"confidence": 1.5}, "rows": []}));
    error_of(&a, 422, "invalid_confidence");
}

#[test]
fn malformed_json_is_400() {
    let addr = start(Config::default());
    for text in [
        &b"{\"rows\": ["[..],
        b"not json",
        b"",
        b"{\"rows\": [] } trailing",
    ] {
        let a = call(addr, "POST", "/evaluate", Some("application/json"), text);
        error_of(&a, 400, "malformed_json");
    }
}

#[test]
fn json_of_the_wrong_shape_is_422_invalid_request() {
    let addr = start(Config::default());
    for body in [
        json!({}),
        json!([]),
        json!({"rows": [], "extra": 1}),
        json!({"rows": [{"area": "Leeds"}]}),
        json!({"rows": [{"area": "Leeds", "period": "2020-21", "indicator": "ascof-legacy/2B1",
                         "numerator": -1, "denominator": 2}]}),
        json!({"rows": [], "options": {"confidance": 0.9}}),
    ] {
        let a = post_json(addr, &body);
        error_of(&a, 422, "invalid_request");
    }
}

#[test]
fn a_body_not_declared_json_is_415() {
    let addr = start(Config::default());
    let body = br#"{"rows": []}"#;
    error_of(
        &call(addr, "POST", "/evaluate", None, body),
        415,
        "unsupported_media_type",
    );
    error_of(
        &call(addr, "POST", "/evaluate", Some("text/plain"), body),
        415,
        "unsupported_media_type",
    );
    // The same body, declared, is fine.
    assert_eq!(
        call(addr, "POST", "/evaluate", Some("application/json"), body).status,
        200
    );
}

#[test]
fn an_oversized_body_is_413_and_the_limit_is_configurable() {
    let limit = 2048;
    let addr = start(Config { body_limit: limit });
    let row = json!({"area": "Leeds", "period": "2020-21", "indicator": "ascof-legacy/2B1",
                     "numerator": 105, "denominator": 129});
    // Valid JSON over the limit: refused for its size alone.
    let rows: Vec<Value> = (0..40)
        .map(|i| {
            let mut r = row.clone();
            r["area"] = json!(format!("Area {i}"));
            r
        })
        .collect();
    let big = json!({"rows": rows}).to_string();
    assert!(big.len() > limit);
    let a = call(
        addr,
        "POST",
        "/evaluate",
        Some("application/json"),
        big.as_bytes(),
    );
    error_of(&a, 413, "body_too_large");
    // Under the limit, the same server answers.
    let small = json!({"rows": [row]});
    assert!(small.to_string().len() < limit);
    assert_eq!(post_json(addr, &small).status, 200);
    // The default limit accepts the same large body.
    let addr = start(Config::default());
    assert_eq!(
        call(
            addr,
            "POST",
            "/evaluate",
            Some("application/json"),
            big.as_bytes()
        )
        .status,
        200
    );
}

#[test]
fn a_chunked_body_over_the_limit_is_413_too() {
    // No Content-Length: the limit holds on the bytes read, not only on the declared length.
    let limit = 2048;
    let addr = start(Config { body_limit: limit });
    let row = r#"{"area": "Leeds", "period": "2020-21", "indicator": "ascof-legacy/2B1", "numerator": 105, "denominator": 129}"#;
    let chunked = |rows: usize| {
        let text = format!("{{\"rows\": [{}]}}", vec![row; rows].join(", "));
        let mut body = Vec::new();
        for piece in text.as_bytes().chunks(500) {
            body.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
            body.extend_from_slice(piece);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"0\r\n\r\n");
        (text.len(), body)
    };
    let head = format!(
        "POST /evaluate HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    let (len, big) = chunked(40);
    assert!(len > limit);
    error_of(&exchange(addr, &head, &big), 413, "body_too_large");
    // One row, under the limit, is evaluated.
    let (len, small) = chunked(1);
    assert!(len < limit);
    let a = exchange(addr, &head, &small);
    assert_eq!(a.status, 200);
    assert_eq!(published(&a.json()["rows"][0]), "81.4");
}

#[test]
fn concurrent_requests_get_the_same_answer() {
    let addr = start(Config::default());
    let rows: Vec<InputRow> = official_rows().into_iter().map(|o| o.row).collect();
    let body = json!({"rows": rows, "framework": "ascof/legacy"});
    let answers: Vec<Value> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                s.spawn(|| {
                    let a = post_json(addr, &body);
                    assert_eq!(a.status, 200);
                    a.json()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("client thread"))
            .collect()
    });
    assert_eq!(answers.len(), 8);
    assert!(answers.iter().all(|a| *a == answers[0]));
    assert_eq!(answers[0]["rows"].as_array().map(Vec::len), Some(44));
}

#[test]
fn the_catalogue_lists_frameworks_and_definitions() {
    let addr = start(Config::default());
    let a = call(addr, "GET", "/catalogue", None, b"");
    assert_eq!(a.status, 200);
    let body = a.json();
    let keys: Vec<&str> = body["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    let cat = Catalogue::builtin();
    let expected: Vec<String> = cat
        .frameworks()
        .iter()
        .map(care_outcomes::framework::Framework::key)
        .collect();
    assert_eq!(keys, expected);
    assert!(keys.contains(&"ascof/legacy"));
    assert_eq!(
        body["definitions"].as_array().unwrap().len(),
        cat.definitions().len()
    );
    assert!(body["frameworks"][0].get("definitions").is_none());

    let a = call(addr, "GET", "/catalogue?framework=better-lives", None, b"");
    assert_eq!(a.status, 200);
    let body = a.json();
    assert_eq!(body["frameworks"].as_array().unwrap().len(), 1);
    assert_eq!(body["frameworks"][0]["key"], "better-lives/2022-27");
    let defs = body["definitions"].as_array().unwrap();
    assert_eq!(
        defs.len(),
        cat.select(Some("better-lives"), None).unwrap().len()
    );
    assert!(defs.iter().all(|d| d["framework"] == "better-lives"));

    error_of(
        &call(addr, "GET", "/catalogue?framework=nope", None, b""),
        422,
        "unknown_indicator",
    );
    error_of(
        &call(addr, "GET", "/catalogue?frame=ascof", None, b""),
        400,
        "invalid_request",
    );
}

#[test]
fn unknown_routes_and_methods_are_coded() {
    let addr = start(Config::default());
    error_of(&call(addr, "GET", "/nope", None, b""), 404, "not_found");
    error_of(
        &call(addr, "GET", "/evaluate", None, b""),
        405,
        "method_not_allowed",
    );
    error_of(
        &call(addr, "POST", "/health", Some("application/json"), b"{}"),
        405,
        "method_not_allowed",
    );
}

#[test]
fn service_codes_are_not_core_codes() {
    for code in care_outcomes_service::error::SERVICE_CODES {
        assert!(
            !care_outcomes::Error::CODES.contains(code),
            "{code} is a core code"
        );
    }
}
