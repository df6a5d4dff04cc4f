import { render } from 'preact';
import { Popup } from '../../components/popup/Popup';
import '../../assets/styles/page.css';
import '../../components/base.css';
import '../../components/card/card.css';
import '../../components/card/sources.css';
import '../../components/popup/popup.css';

const root = document.getElementById('app');
if (root) render(<Popup />, root);
