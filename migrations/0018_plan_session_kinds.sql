-- 0018: which plan interventions the weekly schedule proposal books as a client's individual or family
-- sessions is now the catalog's "session" field (ADR 0012), no longer a set of codes in proposal_service.cc.
-- config/treatment_plans.json marks the six codes of that set. A program's own catalog stored before has no
-- marks, so its proposals would silently stop booking those sessions: this adds "session" to those six codes
-- in every stored program catalog, leaving everything else as it was. A stored catalog is the normalized
-- text PlanService wrote (NormalizeProgramCatalog: no spaces, "code" then "label" first in each object,
-- "interventions" before "intensity_checks"); only the part before "intensity_checks" is touched, so an
-- intensity check that happens to share a code is left alone. The row's version moves on, so an editor
-- holding the old version gets 412 rather than writing the catalog back without the marks.

-- {{IF_SQLITE}}
UPDATE plan_catalogs SET
  catalog = REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(substr(catalog, 1, instr(catalog || '"intensity_checks"', '"intensity_checks"') - 1),
    '{"code":"individual_therapy","label":', '{"code":"individual_therapy","session":"individual","label":'),
    '{"code":"individual_counseling","label":', '{"code":"individual_counseling","session":"individual","label":'),
    '{"code":"cbt","label":', '{"code":"cbt","session":"individual","label":'),
    '{"code":"emdr","label":', '{"code":"emdr","session":"individual","label":'),
    '{"code":"motivational_interviewing","label":', '{"code":"motivational_interviewing","session":"individual","label":'),
    '{"code":"family_session","label":', '{"code":"family_session","session":"family","label":')
    || substr(catalog, instr(catalog || '"intensity_checks"', '"intensity_checks"')),
  version = version + 1
WHERE catalog LIKE '%{"code":"individual_therapy","label":%'
   OR catalog LIKE '%{"code":"individual_counseling","label":%'
   OR catalog LIKE '%{"code":"cbt","label":%'
   OR catalog LIKE '%{"code":"emdr","label":%'
   OR catalog LIKE '%{"code":"motivational_interviewing","label":%'
   OR catalog LIKE '%{"code":"family_session","label":%';
-- {{END_IF}}
-- {{IF_POSTGRES}}
UPDATE plan_catalogs SET
  catalog = REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(substr(catalog, 1, strpos(catalog || '"intensity_checks"', '"intensity_checks"') - 1),
    '{"code":"individual_therapy","label":', '{"code":"individual_therapy","session":"individual","label":'),
    '{"code":"individual_counseling","label":', '{"code":"individual_counseling","session":"individual","label":'),
    '{"code":"cbt","label":', '{"code":"cbt","session":"individual","label":'),
    '{"code":"emdr","label":', '{"code":"emdr","session":"individual","label":'),
    '{"code":"motivational_interviewing","label":', '{"code":"motivational_interviewing","session":"individual","label":'),
    '{"code":"family_session","label":', '{"code":"family_session","session":"family","label":')
    || substr(catalog, strpos(catalog || '"intensity_checks"', '"intensity_checks"')),
  version = version + 1
WHERE catalog LIKE '%{"code":"individual_therapy","label":%'
   OR catalog LIKE '%{"code":"individual_counseling","label":%'
   OR catalog LIKE '%{"code":"cbt","label":%'
   OR catalog LIKE '%{"code":"emdr","label":%'
   OR catalog LIKE '%{"code":"motivational_interviewing","label":%'
   OR catalog LIKE '%{"code":"family_session","label":%';
-- {{END_IF}}
