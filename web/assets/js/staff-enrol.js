// Enrolment, step one: choose the password.
import { enrol } from './office.js';

enrol();
