-- Every registration write paid for an index on org_unit_id alone, whose only reader
-- was the rare re-sequencing after a unit moves; that query now reaches registrations
-- through registrations_report, campaign by campaign (few per area).
DROP INDEX registrations_unit;
