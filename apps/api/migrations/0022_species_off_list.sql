-- "Species not in the list": a programme with a species list may accept any taxon of the
-- taxonomy; such observations are flagged for the validators.
ALTER TABLE programs ADD COLUMN allow_off_list boolean NOT NULL DEFAULT false;
ALTER TABLE observations ADD COLUMN off_list boolean NOT NULL DEFAULT false;
