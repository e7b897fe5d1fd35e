import { mount } from '../../common/mount';
import { IdeasScreen } from './screen';

mount(<IdeasScreen />);
