-- extractor batch tables (sqlite) as `extractor schema --out models` wrote them before the facts tables
-- (commit 872c5aa): a frozen copy the migration test starts from; never regenerate it

CREATE TABLE articles (
	source TEXT NOT NULL, 
	article_id VARCHAR(64) NOT NULL, 
	url TEXT, 
	title TEXT, 
	published DATE, 
	language VARCHAR(16), 
	text_chars INTEGER NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	error_codes JSON NOT NULL, 
	errors JSON NOT NULL, 
	record_count INTEGER NOT NULL, 
	pipeline_version VARCHAR(64) NOT NULL, 
	run_id VARCHAR(36) NOT NULL, 
	processed_at DATETIME NOT NULL, 
	PRIMARY KEY (source)
);

CREATE INDEX ix_articles_article_id ON articles (article_id);

CREATE TABLE records (
	record_id VARCHAR(32) NOT NULL, 
	article_id VARCHAR(64) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	count_value BIGINT, 
	count_qualifier VARCHAR(16), 
	count_low BIGINT, 
	count_high BIGINT, 
	count_text TEXT, 
	period_start DATE, 
	period_end DATE, 
	period_granularity VARCHAR(16), 
	period_rate VARCHAR(16), 
	period_text TEXT, 
	defector_types JSON NOT NULL, 
	origin VARCHAR(2), 
	destination VARCHAR(2), 
	route VARCHAR(16) NOT NULL, 
	locations JSON NOT NULL, 
	reported_by TEXT, 
	evidence_text TEXT NOT NULL, 
	evidence_start INTEGER NOT NULL, 
	evidence_end INTEGER NOT NULL, 
	confidence FLOAT NOT NULL, 
	PRIMARY KEY (record_id)
);

CREATE INDEX ix_records_article_id ON records (article_id);

CREATE TABLE runs (
	run_id VARCHAR(36) NOT NULL, 
	pipeline_version VARCHAR(64) NOT NULL, 
	arguments JSON NOT NULL, 
	started_at DATETIME NOT NULL, 
	finished_at DATETIME, 
	status VARCHAR(16) NOT NULL, 
	inputs INTEGER, 
	ok INTEGER, 
	skipped INTEGER, 
	failed INTEGER, 
	already_done INTEGER, 
	records INTEGER, 
	PRIMARY KEY (run_id)
);
