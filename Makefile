# chipgraph: `make demo` (install + run on the sample) and `make test` (install + all tests).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
CG     := $(BIN)/chipgraph
STORE  ?= graph/store
OUT    ?= graph/html

.PHONY: install demo test test-fast browser exports bench clean score

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

# Ingest the sample articles, write the exports, answer saved questions, write HTML views.
demo: install
	$(CG) --store $(STORE) ingest graph/sources
	$(CG) --store $(STORE) assess
	$(CG) --store $(STORE) stats
	$(CG) --store $(STORE) export --format trig -o graph/exports/graph.trig
	$(CG) --store $(STORE) export --format turtle -o graph/exports/graph.ttl
	@echo; echo "== Which chips did DeepSeek use, and which sentence says so?"
	$(CG) --store $(STORE) query chips_used --bind user=ent:deepseek
	@echo; echo "== Which chips does each export control restrict, and who imposed it?"
	$(CG) --store $(STORE) query controls_restrict
	@echo; echo "== Which export controls were in force on 1 November 2023?"
	$(CG) --store $(STORE) query controls_in_force --bind date=2023-11-01
	@echo; echo "== Why could Nvidia sell the H800 to China in 2023 but not after October 2023?"
	$(CG) --store $(STORE) classify H800
	$(CG) --store $(STORE) view -o $(OUT)/overview.html
	$(CG) --store $(STORE) view -o $(OUT)/deepseek.html --focus DeepSeek --depth 2
	@echo; echo "HTML views: $(OUT)/overview.html $(OUT)/deepseek.html"

# Chromium from Debian for the browser tests (needs root; skipped otherwise).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: /usr/bin/chromium missing and not root: browser tests will be skipped"; fi; \
	fi

test: install browser
	$(BIN)/pytest -q

test-fast: install
	$(BIN)/pytest -q -m "not slow"

# Rebuild the committed exports of the sample graph (graph/sample.trig, graph/sample.ttl).
exports: install
	rm -rf build/sample-store
	$(CG) --store build/sample-store ingest graph/sources
	$(CG) --store build/sample-store export --format trig -o graph/sample.trig
	$(CG) --store build/sample-store export --format turtle -o graph/sample.ttl
	rm -rf build/sample-store

bench: install
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/query.py
	$(BIN)/python bench/views_html.py

score: install
	$(PYTHON) ../shared/eval/score.py ../shared/corpus/dev --cmd '$(CG) extract {file} --format json'

clean:
	rm -rf $(STORE) $(OUT) .pytest_cache
