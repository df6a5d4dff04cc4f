import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Welcome } from '../../components/welcome/Welcome';
import '../../assets/styles/page.css';
import '../../components/base.css';
import '../../components/options/options.css';
import '../../components/welcome/welcome.css';

const root = document.getElementById('app');
if (root) render(<Welcome openOptions={() => void browser.runtime.openOptionsPage()} />, root);
