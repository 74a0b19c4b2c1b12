-- ita schema 13: the EIT's respondent parts (from 2566: part 1 answered by the public through the
-- link or QR code, part 2 collected by others and imported). A response names its part's code
-- from the year's methodology; '' is a response of a year without parts, or one imported
-- without a part. Every web answer of a year is in the same part, so the column tells nothing
-- about who answered beyond how the answer came in.
ALTER TABLE responses ADD COLUMN part TEXT NOT NULL DEFAULT '';
