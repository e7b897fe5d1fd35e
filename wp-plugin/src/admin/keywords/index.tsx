import { mount } from '../../common/mount';
import { KeywordsScreen } from './screen';

mount(<KeywordsScreen />);
