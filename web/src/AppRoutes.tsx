import { Navigate, Route, Routes } from 'react-router';
import { ClientChart } from './features/admissions/ClientChart';
import { ClientList } from './features/admissions/ClientList';
import { NewClientPage } from './features/admissions/NewClientPage';
import { ProgramSetup } from './features/program/ProgramSetup';
import { StaffEditPage } from './features/program/StaffEditPage';
import { StaffList } from './features/program/StaffList';
import { Bootstrap } from './features/shell/Bootstrap';
import { NotFound } from './features/shell/NotFound';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Bootstrap />}>
        <Route index element={<Navigate to="/clients" replace />} />
        <Route path="clients" element={<ClientList />} />
        <Route path="clients/new" element={<NewClientPage />} />
        <Route path="clients/:id" element={<ClientChart />} />
        <Route path="staff" element={<StaffList />} />
        <Route path="staff/new" element={<StaffEditPage />} />
        <Route path="staff/:id" element={<StaffEditPage />} />
        <Route path="setup" element={<ProgramSetup />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
