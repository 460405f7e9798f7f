// Changing the mobile number.
import { changeForm } from './contact.js';

changeForm('mobile');
