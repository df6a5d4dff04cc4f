import { render } from 'preact';
import { Options } from '../../components/options/Options';
import '../../assets/styles/page.css';
import '../../components/base.css';
import '../../components/card/sources.css';
import '../../components/options/options.css';

const root = document.getElementById('app');
if (root) render(<Options />, root);
