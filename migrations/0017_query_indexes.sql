-- 0017: indexes for lookups that SQLite answered by scanning every row of the organization.
-- Without statistics SQLite's planner takes any index whose first column matches "org_id = ?" and, in a
-- one-organization database, that index selects every row. Found by bench/roll_call_bench (each roll-call
-- save read the whole program's attendance history, so saves got slower as history grew) and then by
-- logging EXPLAIN QUERY PLAN for every statement the API tests run. Each index below gives the planner an
-- index whose leading columns are all equalities of the query it serves (named beside it).

-- SessionStore::AttendanceOf: one group session's roll call.
CREATE INDEX attendance_by_group_session ON attendance (org_id, group_session_id);
-- TaskStore::ForStaffOrRoles (My day, the task list): open tasks.
CREATE INDEX tasks_by_status ON tasks (org_id, status, due_on);
-- SessionStore: a client's note addenda (the chart's sessions section).
CREATE INDEX note_addenda_by_client ON note_addenda (org_id, client_id, created_at);
-- ResponseStore: a response's open safety alerts and an alert's recipients.
CREATE INDEX safety_alerts_by_response ON safety_alerts (org_id, response_id, status);
CREATE INDEX safety_alert_recipients_by_alert ON safety_alert_recipients (org_id, alert_id, staff_id);
-- CalendarStore: one series' exceptions (every occurrence expansion reads them).
CREATE INDEX occurrence_changes_by_series ON occurrence_changes (org_id, series_id, original_date);
-- TestingStore: a program's random selection for one day, in client order.
CREATE INDEX testing_selected_by_program_day ON testing_selected (org_id, selected_on, program_id, client_id);
-- TestingStore: collections still waiting for a result.
CREATE INDEX testing_collections_pending ON testing_collections (org_id, outcome, collected_at);
-- InquiryStore: a client's open inquiry, newest first.
CREATE INDEX inquiries_by_client_received ON inquiries (org_id, client_id, received_at, id);
-- SessionStore::NoteIdOfAppointment: My day links an appointment to the note written for it.
CREATE INDEX session_notes_by_appointment ON session_notes (org_id, appointment_id);
