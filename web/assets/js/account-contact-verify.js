// The code sent to the new mobile or email: the form's data-channel names which.
import { verifyForm } from './contact.js';

verifyForm(document.getElementById('form').dataset.channel);
