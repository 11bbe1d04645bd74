# For people; CI runs .ci/run, which runs the same scripts.
.PHONY: report test setup lint test-rust test-service test-python test-notebook test-wasm test-dashboard serve-dashboard compare bench bench-python fmt

report:        ## the main job: ASCOF 2020-21 report on the bundled sample data
	cargo run --release -p care-outcomes --example ascof_report

test:          ## every test, installing what is missing first
	bash .ci/test-all.sh

setup:
	bash .ci/setup.sh
lint:
	bash .ci/lint.sh
test-rust:
	bash .ci/test-rust.sh
test-service:
	bash .ci/test-service.sh
test-python:
	bash .ci/test-python.sh
test-notebook: ## the Python walkthrough (examples/python), after test-python
	bash .ci/test-notebook.sh
test-wasm:
	bash .ci/test-wasm.sh
test-dashboard:  ## the dashboard page in headless Chromium (needs bindings-wasm/pkg)
	bash .ci/test-dashboard.sh
serve-dashboard: ## the dashboard on http://127.0.0.1:8080/examples/dashboard/
	node examples/dashboard/server.mjs 8080
compare:
	bash .ci/compare-faces.sh
fmt:
	cargo fmt --all
bench:         ## criterion benches of the core
	cargo bench -p care-outcomes-benches
bench-python:  ## our Python face against statsmodels, scipy, numpy and PHStatsMethods
	.venv/bin/python benches/python/compare.py
