import { render } from 'preact';
import { Options } from '../../components/options/Options';
import '../../assets/styles/page.css';
import '../../components/card/card.css';
import '../../components/options/options.css';

const root = document.getElementById('app');
if (root) render(<Options />, root);
