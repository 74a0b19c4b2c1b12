-- ita schema 7: publication. What citizens see is a frozen copy of a year's scores made when
-- the national admin publishes them (published_results), not the live scores. Every publication
-- is kept (publications). public_state.generation changes whenever anything shown on the public
-- pages changes (a publication, or an agency's measures, their progress or its 4M
-- constraints), so every server process can tell from one cheap read that its cache is stale.
CREATE TABLE published_results (
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  methodology_version TEXT NOT NULL,
  overall {real},
  rating TEXT NOT NULL DEFAULT '',
  pass {boolean},
  detail TEXT NOT NULL,
  PRIMARY KEY (fiscal_year, agency_id)
){without_rowid};
CREATE TABLE publications (
  publication_id {serial_key},
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  published_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  agencies INTEGER NOT NULL
);
CREATE TABLE public_state (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  generation {bigint} NOT NULL
);
INSERT INTO public_state (singleton, generation) VALUES (1, 0);
-- @sqlite
CREATE TRIGGER measures_public_insert AFTER INSERT ON measures BEGIN UPDATE public_state SET generation = generation + 1; END;
CREATE TRIGGER measures_public_update AFTER UPDATE ON measures BEGIN UPDATE public_state SET generation = generation + 1; END;
CREATE TRIGGER measures_public_delete AFTER DELETE ON measures BEGIN UPDATE public_state SET generation = generation + 1; END;
CREATE TRIGGER progress_public_insert AFTER INSERT ON measure_progress BEGIN UPDATE public_state SET generation = generation + 1; END;
CREATE TRIGGER progress_public_delete AFTER DELETE ON measure_progress BEGIN UPDATE public_state SET generation = generation + 1; END;
CREATE TRIGGER constraints_public_insert AFTER INSERT ON constraints_4m BEGIN UPDATE public_state SET generation = generation + 1; END;
CREATE TRIGGER constraints_public_update AFTER UPDATE ON constraints_4m BEGIN UPDATE public_state SET generation = generation + 1; END;
CREATE TRIGGER constraints_public_delete AFTER DELETE ON constraints_4m BEGIN UPDATE public_state SET generation = generation + 1; END;
-- @postgresql
CREATE FUNCTION bump_public_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public_state SET generation = generation + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER measures_public AFTER INSERT OR UPDATE OR DELETE ON measures
  FOR EACH STATEMENT EXECUTE FUNCTION bump_public_generation();
CREATE TRIGGER progress_public AFTER INSERT OR UPDATE OR DELETE ON measure_progress
  FOR EACH STATEMENT EXECUTE FUNCTION bump_public_generation();
CREATE TRIGGER constraints_public AFTER INSERT OR UPDATE OR DELETE ON constraints_4m
  FOR EACH STATEMENT EXECUTE FUNCTION bump_public_generation();
-- @end
