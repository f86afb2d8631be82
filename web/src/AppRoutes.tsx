import { Route, Routes } from 'react-router';
import { AdmissionsBoard } from './features/admissions/AdmissionsBoard';
import { ClientChart } from './features/admissions/ClientChart';
import { ClientList } from './features/admissions/ClientList';
import { InquiryForm } from './features/admissions/InquiryForm';
import { InquiryPage } from './features/admissions/InquiryPage';
import { NewClientPage } from './features/admissions/NewClientPage';
import { AssessmentWorkspace } from './features/assessment/AssessmentWorkspace';
import { InstrumentResponsePage } from './features/assessment/InstrumentResponsePage';
import { TabletResponsePage } from './features/assessment/TabletResponsePage';
import { AuditPage } from './features/audit/AuditPage';
import { TabletSigningPage } from './features/documents/TabletSigningPage';
import { TemplatesPage } from './features/documents/TemplatesPage';
import { Home } from './features/dashboard/Dashboard';
import { ConsentPage } from './features/consent/ConsentPage';
import { DisclosuresPage } from './features/consent/DisclosuresPage';
import { ProgramSetup } from './features/program/ProgramSetup';
import { StaffEditPage } from './features/program/StaffEditPage';
import { StaffList } from './features/program/StaffList';
import { AlertsPage } from './features/security/AlertsPage';
import { MyAccount } from './features/security/MyAccount';
import { PlanEditor } from './features/plans/PlanEditor';
import { ReviewPage } from './features/plans/ReviewPage';
import { TabletPlanSigningPage } from './features/plans/TabletPlanSigningPage';
import { RequirePermission } from './features/security/RequirePermission';
import { CalendarPage } from './features/schedule/CalendarPage';
import { LabImportPage } from './features/testing/LabImportPage';
import { ResultEntryPage } from './features/testing/ResultEntryPage';
import { ReviewQueuePage } from './features/testing/ReviewQueuePage';
import { TestingBoardPage } from './features/testing/TestingBoardPage';
import { CosignQueuePage } from './features/sessions/CosignQueuePage';
import { MyDayPage } from './features/sessions/MyDayPage';
import { NoteEditorPage } from './features/sessions/NoteEditorPage';
import { RollCallPage } from './features/sessions/RollCallPage';
import { ProposalPage } from './features/schedule/ProposalPage';
import { ScheduleSetupPage } from './features/schedule/ScheduleSetupPage';
import { StaffAvailabilityPage } from './features/schedule/StaffAvailabilityPage';
import { UserEditPage } from './features/security/UserEditPage';
import { UsersPage } from './features/security/UsersPage';
import { Bootstrap } from './features/shell/Bootstrap';
import { NotFound } from './features/shell/NotFound';

const guard = (permission: string, element: JSX.Element) => <RequirePermission permission={permission}>{element}</RequirePermission>;

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Bootstrap />}>
        <Route index element={<Home />} />
        <Route path="admissions" element={guard('admissions.read', <AdmissionsBoard />)} />
        <Route path="admissions/new" element={guard('admissions.write', <InquiryForm />)} />
        <Route path="admissions/:id" element={guard('admissions.read', <InquiryPage />)} />
        <Route path="clients" element={guard('clients.read', <ClientList />)} />
        <Route path="clients/new" element={guard('clients.write', <NewClientPage />)} />
        <Route path="clients/:id" element={guard('clients.read', <ClientChart />)} />
        <Route path="clients/:id/assessments/:aid" element={guard('assessments.read', <AssessmentWorkspace />)} />
        <Route path="clients/:id/plans/:pid" element={guard('plans.read', <PlanEditor />)} />
        <Route path="clients/:id/plans/:pid/review" element={guard('plans.write', <ReviewPage />)} />
        <Route path="clients/:id/instruments/:rid" element={guard('assessments.read', <InstrumentResponsePage />)} />
        <Route path="clients/:id/consents/new" element={guard('consents.write', <ConsentPage />)} />
        <Route path="clients/:id/consents/:cid" element={guard('consents.read', <ConsentPage />)} />
        <Route path="clients/:id/disclosures" element={guard('disclosures.read', <DisclosuresPage />)} />
        <Route path="tablet/responses/:rid" element={guard('assessments.write', <TabletResponsePage />)} />
        <Route path="tablet/plans/:pid/versions/:no" element={guard('plans.write', <TabletPlanSigningPage />)} />
        <Route path="tablet/documents/:cid/:tid" element={guard('documents.write', <TabletSigningPage />)} />
        <Route path="staff" element={guard('staff.read', <StaffList />)} />
        <Route path="staff/new" element={guard('staff.write', <StaffEditPage />)} />
        <Route path="staff/:id" element={guard('staff.read', <StaffEditPage />)} />
        <Route path="setup" element={guard('program.read', <ProgramSetup />)} />
        <Route path="setup/documents" element={guard('program.write', <TemplatesPage />)} />
        <Route path="my-day" element={guard('notes.read', <MyDayPage />)} />
        <Route path="groups/:occurrenceId" element={guard('notes.read', <RollCallPage />)} />
        <Route path="notes/cosign" element={guard('notes.cosign', <CosignQueuePage />)} />
        <Route path="clients/:id/notes/:nid" element={guard('notes.read', <NoteEditorPage />)} />
        <Route path="schedule" element={guard('schedule.read', <CalendarPage />)} />
        <Route path="testing" element={guard('testing.read', <TestingBoardPage />)} />
        <Route path="testing/collections/:id" element={guard('testing.read', <ResultEntryPage />)} />
        <Route path="testing/review" element={guard('testing.review', <ReviewQueuePage />)} />
        <Route path="testing/import" element={guard('testing.write', <LabImportPage />)} />
        <Route path="schedule/proposals" element={guard('schedule.write', <ProposalPage />)} />
        <Route path="schedule/setup" element={guard('program.write', <ScheduleSetupPage />)} />
        <Route path="schedule/staff/:id/availability" element={guard('schedule.read', <StaffAvailabilityPage />)} />
        <Route path="account" element={<MyAccount />} />
        <Route path="users" element={guard('users.admin', <UsersPage />)} />
        <Route path="users/new" element={guard('users.admin', <UserEditPage />)} />
        <Route path="users/:id" element={guard('users.admin', <UserEditPage />)} />
        <Route path="audit" element={guard('audit.read', <AuditPage />)} />
        <Route path="alerts" element={guard('alerts.read', <AlertsPage />)} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
